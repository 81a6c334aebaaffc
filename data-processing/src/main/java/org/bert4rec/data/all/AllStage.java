package org.bert4rec.data.all;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.ProcessedFiles;
import org.bert4rec.data.Task;
import org.bert4rec.data.raw.RawStage;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * The all stage: interim chains → vocabulary, TFRecord files, project bert config and data config.
 *
 * <p>Splits follow the seed's README (its code differs): train_val_test trains on each chain without its last two
 * items, validates on the second-to-last item and tests on the last; train_val trains on all but the last and
 * validates on the last; test and inference mask each chain's last item (for inference that is the placeholder the
 * raw stage appended). Evaluation inputs keep a chain's most recent max_seq_length items; the older ones go, as a
 * set, into the record's {@code history_ids}.
 *
 * <p>Training instances, as the original gen_data: each training chain is cut into sliding windows; each window
 * gives dupe_factor random maskings plus one with only its last item masked; all are shuffled. Each instance's
 * randomness comes from its own generator seeded by (seed, user, window start, round), and the shuffle is a seeded
 * permutation, so the bytes written do not depend on --pool_size.
 */
public final class AllStage {

    /**
     * What the stage did.
     *
     * @param vocabFile      the vocabulary written or read
     * @param vocabSize      items + 4
     * @param recordCounts   records per output file name
     * @param chains         chains used
     * @param chainsDropped  chains too short for the task (after dropping unknown items)
     * @param unknownItems   item occurrences dropped because an existing vocabulary lacks them
     * @param dataConfig     the data config written
     * @param bertConfig     the project's bert config written
     */
    public record Result(Path vocabFile, int vocabSize, Map<String, Long> recordCounts, int chains, int chainsDropped,
            long unknownItems, Path dataConfig, Path bertConfig) {
    }

    private AllStage() {
    }

    public static Result run(ProjectLayout layout, AllOptions o, BertConfigTemplate template, Consumer<String> warn) {
        Task task = o.task();
        InterimChains interim = InterimChains.read(RawStage.interimFile(layout, task));
        Path vocabFile = o.vocabFile() != null ? o.vocabFile() : ProcessedFiles.vocab(layout);
        FreqVocab vocab;
        boolean built = false;
        if (o.vocabFile() != null || (!task.trains() && Files.isRegularFile(vocabFile))) {
            vocab = FreqVocab.load(vocabFile);
        } else {
            if (!task.trains()) {
                warn.accept("no vocabulary at " + vocabFile + ": building one from this " + task + " data; it will"
                        + " not match a model trained on other data (pass --vocab_filename)");
            }
            vocab = FreqVocab.fromCounts(interim.tokens(), interim.tokenCounts());
            built = true;
        }
        int[] tokenToId = new int[interim.tokens().size()];
        for (int t = 0; t < tokenToId.length; t++) {
            tokenToId[t] = vocab.idOf(interim.tokens().get(t));
        }
        int minLength = Math.max(2, task.minChainLength());
        int targets = task.evaluationTargets();
        List<int[]> chains = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        long unknown = 0;
        int dropped = 0;
        int unknownTargets = 0;
        for (int c = 0; c < interim.chains().length; c++) {
            int[] tokens = interim.chains()[c];
            // Unknown items leave the history; an evaluation target the vocabulary lacks cannot be ranked, so its
            // user is dropped rather than silently evaluated on an earlier item. Inference keeps its placeholder
            // slot whatever it holds: it is masked, and only its position matters.
            int tail = task == Task.inference ? 1 : targets;
            boolean unknownTarget = false;
            for (int i = Math.max(0, tokens.length - tail); i < tokens.length && task != Task.inference; i++) {
                unknownTarget |= tokenToId[tokens[i]] <= 0;
            }
            if (unknownTarget) {
                unknownTargets++;
                continue;
            }
            int[] ids = new int[tokens.length];
            int n = 0;
            for (int i = 0; i < tokens.length - tail; i++) {
                if (tokenToId[tokens[i]] > 0) {
                    ids[n++] = tokenToId[tokens[i]];
                } else {
                    unknown++;
                }
            }
            if (task == Task.inference) {
                if (n > 0) {
                    ids[n] = ids[n - 1];     // the placeholder: a copy of the last known item, as raw wrote it
                    n++;
                }
            } else {
                for (int i = tokens.length - tail; i < tokens.length; i++) {
                    ids[n++] = tokenToId[tokens[i]];
                }
            }
            if (n < minLength) {
                dropped++;
                continue;
            }
            chains.add(n == ids.length ? ids : Arrays.copyOf(ids, n));
            users.add(interim.userCodes()[c]);
        }
        if (unknown > 0) {
            warn.accept(unknown + " item occurrences are not in the vocabulary " + vocabFile + " and were dropped");
        }
        if (unknownTargets > 0) {
            warn.accept(unknownTargets + " chains dropped: their evaluation target (the last " + targets
                    + " item" + (targets == 1 ? "" : "s") + ") is not in the vocabulary " + vocabFile);
        }
        if (dropped > 0) {
            warn.accept(dropped + " chains dropped: fewer than " + minLength + " known items (task " + task + ")");
        }
        if (chains.isEmpty()) {
            throw new UserInputException("no chains left for task " + task + " (" + dropped + " dropped as shorter"
                    + " than " + minLength + " known items, " + unknownTargets + " for an unknown target): check the"
                    + " raw stage's input and the vocabulary");
        }
        if (built) {
            vocab.save(vocabFile);
        }
        int[] userCodes = users.stream().mapToInt(Integer::intValue).toArray();
        int[][] chainArr = chains.toArray(int[][]::new);
        InstanceFactory factory = new InstanceFactory(o.maxSeqLength(), o.maxPredictionsPerSeq(), o.maskedLmProb(),
                o.maskProb(), vocab.numItems(), vocab.maskId());
        Map<String, Long> counts = new LinkedHashMap<>();
        int threads = o.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "all-stage");
            t.setDaemon(true);
            return t;
        });
        try {
            switch (task) {
                case train_val_test -> {
                    writeTraining(ProcessedFiles.train(layout, task), userCodes, chainArr, 2, factory, o, pool, counts);
                    writeEval(ProcessedFiles.validation(layout, task), userCodes, chainArr, 1, factory, o, pool,
                            counts);
                    writeEval(ProcessedFiles.test(layout, task), userCodes, chainArr, 0, factory, o, pool, counts);
                }
                case train_val -> {
                    writeTraining(ProcessedFiles.train(layout, task), userCodes, chainArr, 1, factory, o, pool, counts);
                    writeEval(ProcessedFiles.validation(layout, task), userCodes, chainArr, 0, factory, o, pool,
                            counts);
                }
                case test, inference -> writeEval(ProcessedFiles.test(layout, task), userCodes, chainArr, 0, factory,
                        o, pool, counts);
            }
        } finally {
            pool.shutdownNow();
        }
        // Only the training tasks own the project's bert and data configs, which train_val reads: preparing test
        // or inference data (before training, in DVC's order) must not turn them into another task's.
        Path bertConfig = ProcessedFiles.bertConfig(layout);
        if (task.trains() || !Files.exists(bertConfig)) {
            template.writeWithVocabSize(bertConfig, vocab.vocabSize());
        }
        DataConfig config = new DataConfig(layout.project(), task.name(), o.maxSeqLength(), o.maxPredictionsPerSeq(),
                o.maskedLmProb(), o.maskProb(), o.dupeFactor(), o.propSlidingWindow(), o.maxWindowsPerChain(),
                o.shortSeqProb(), threads,
                o.seed(), vocab.vocabSize(), vocabFile.toAbsolutePath().normalize().toString(), counts);
        Path dataConfig = ProcessedFiles.dataConfig(layout, task);
        config.save(dataConfig);
        return new Result(vocabFile, vocab.vocabSize(), counts, chains.size(), dropped, unknown, dataConfig,
                bertConfig);
    }

    /** Training instances from each chain without its last {@code holdOut} items. */
    static void writeTraining(Path file, int[] users, int[][] chains, int holdOut, InstanceFactory factory,
            AllOptions o, ExecutorService pool, Map<String, Long> counts) {
        TrainingPlan plan = TrainingPlan.build(users, chains, holdOut, o);
        InstanceFileWriter.write(file, plan.size(), () -> {
            InstanceFactory own = factory.copy();
            return i -> plan.make(i, own);
        }, pool, o.threads());
        counts.put(file.getFileName().toString(), (long) plan.size());
    }

    /**
     * One instance per chain: the chain without its last {@code holdOut} items, its last item masked, and the
     * distinct items before the window as its history (so that excluding seen items can cover the whole chain).
     */
    static void writeEval(Path file, int[] users, int[][] chains, int holdOut, InstanceFactory factory, AllOptions o,
            ExecutorService pool, Map<String, Long> counts) {
        int maxLen = o.maxSeqLength();
        InstanceFileWriter.write(file, chains.length, () -> {
            InstanceFactory own = factory.copy();
            return i -> {
                int len = chains[i].length - holdOut;
                int from = Math.max(0, len - maxLen);
                MaskedLmInstance inst = own.maskLast(users[i], chains[i], from, len - from);
                return from == 0 ? inst : inst.withHistory(distinctIds(chains[i], from));
            };
        }, pool, o.threads());
        counts.put(file.getFileName().toString(), (long) chains.length);
    }

    /** The distinct ids of {@code chain[0, to)}, ascending. */
    static int[] distinctIds(int[] chain, int to) {
        int[] sorted = Arrays.copyOf(chain, to);
        Arrays.sort(sorted);
        int n = 0;
        for (int id : sorted) {
            if (n == 0 || sorted[n - 1] != id) {
                sorted[n++] = id;
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
