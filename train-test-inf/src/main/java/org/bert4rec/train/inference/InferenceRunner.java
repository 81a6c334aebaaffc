package org.bert4rec.train.inference;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bert4rec.train.eval.IdNames;
import org.bert4rec.train.eval.ScoredRow;
import org.bert4rec.train.eval.ScoringLoop;
import org.bert4rec.train.eval.ScoringRow;
import org.bert4rec.train.eval.SequenceScorer;
import org.bert4rec.train.eval.StagedFile;
import org.bert4rec.utils.UserInputException;

/**
 * Runs inference over a stream of rows and writes the {@link InferenceFiles}: rows are scored in batches and each
 * user's top items and hidden vector go straight to disk, so memory does not grow with the number of users. All
 * files appear together at the end, or none (a failure leaves the previous results as they were).
 */
public final class InferenceRunner {
    private InferenceRunner() {
    }

    /** What was written. */
    public record Summary(long users, List<Path> files) {
    }

    /**
     * @param rows       the users' sequences, scored at their masked last position
     * @param inputName  names the input in messages (the TFRecord file)
     * @param firstItem  smallest real item id
     * @param lastItem   largest real item id
     * @param resultsDir where the files go
     * @throws UserInputException when there are no rows
     */
    public static Summary run(Iterator<ScoringRow> rows, String inputName, SequenceScorer scorer, IdNames names,
                              int firstItem, int lastItem, InferenceOptions options, Path resultsDir)
            throws IOException {
        if (!options.itemPredictions() && !options.embeddings()) {
            throw new UserInputException("--is_items_preds and --is_embeddings are both false: nothing to write;"
                    + " set at least one to true");
        }
        List<StagedFile> staged = new ArrayList<>();
        try {
            StagedFile items = options.itemPredictions() ? stage(staged, InferenceFiles.items(resultsDir)) : null;
            StagedFile embs = options.embeddings() ? stage(staged, InferenceFiles.embeddings(resultsDir)) : null;
            StagedFile embIds = options.embeddings() ? stage(staged, InferenceFiles.embeddingIds(resultsDir)) : null;
            long users;
            try (Writer itemsOut = items == null ? null : open(items.temp(), InferenceFiles.ITEMS_HEADER);
                 Writer idsOut = embIds == null ? null : open(embIds.temp(), InferenceFiles.EMBEDDING_IDS_HEADER);
                 NpyWriter npy = embs == null ? null : new NpyWriter(embs.temp(), scorer.hiddenSize())) {
                Sink sink = new Sink(names, itemsOut, idsOut, npy,
                        new TopItems(firstItem, lastItem, options.predictionsPerUser(), options.excludeSeen()));
                users = new ScoringLoop(scorer, options.batchSize()).run(rows, sink);
            }
            if (users == 0) {
                throw new UserInputException(inputName + " holds no records: run the all stage with"
                        + " --task inference to write the users' sequences");
            }
            List<Path> written = new ArrayList<>();
            for (StagedFile f : staged) {
                f.commit();
                written.add(f.target());
            }
            return new Summary(users, written);
        } finally {
            staged.forEach(StagedFile::close);
        }
    }

    private static StagedFile stage(List<StagedFile> staged, Path target) {
        StagedFile f = StagedFile.create(target);
        staged.add(f);
        return f;
    }

    private static Writer open(Path path, String header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        w.write(header);
        w.write('\n');
        return w;
    }

    /** Writes one user's lines as their scores arrive. */
    private static final class Sink implements ScoringLoop.RowSink {
        private final IdNames names;
        private final Writer items;
        private final Writer embeddingIds;
        private final NpyWriter embeddings;
        private final TopItems top;
        private final int[] ids;
        private final float[] scores;
        private final StringBuilder line = new StringBuilder();

        Sink(IdNames names, Writer items, Writer embeddingIds, NpyWriter embeddings, TopItems top) {
            this.names = names;
            this.items = items;
            this.embeddingIds = embeddingIds;
            this.embeddings = embeddings;
            this.top = top;
            this.ids = new int[top.capacity()];
            this.scores = new float[top.capacity()];
        }

        @Override
        public void accept(ScoredRow scored) throws IOException {
            ScoringRow row = scored.row();
            String user = CsvFields.quote(names.user(row.info()));
            if (items != null) {
                int n = top.select(scored.logits(), scored.logitsOffset(), row.seenItems(), ids, scores);
                line.setLength(0);
                for (int i = 0; i < n; i++) {
                    line.append(user).append(',').append(row.info()).append(',').append(i + 1).append(',')
                            .append(CsvFields.quote(names.item(ids[i]))).append(',').append(scores[i]).append('\n');
                }
                items.append(line);
            }
            if (embeddings != null) {
                embeddings.writeRow(scored.hidden(), scored.hiddenOffset());
                embeddingIds.append(Long.toString(scored.ordinal())).append(',').append(user).append(',')
                        .append(Long.toString(row.info())).append('\n');
            }
        }
    }
}
