package org.bert4rec.train.predict;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import org.bert4rec.train.inference.CsvFields;

/**
 * Writes predictions, one line per chain.
 *
 * <ul>
 *   <li>JSONL: {@code {"id", "next_items": [...], "scores": [...], "popular_fallback", "unknown_items": [...],
 *       "embedding": [...]}} ({@code embedding} only when asked for; the scores of a popularity fallback are
 *       {@code null}, the model did not rank those items).</li>
 *   <li>CSV: {@code id,next_items,scores,popular_fallback,unknown_items[,embedding]}, lists separated by spaces
 *       (the layout {@code predict} reads), empty scores for a fallback.</li>
 * </ul>
 */
public final class PredictionWriter implements ChainPredictor.PredictionSink {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Writer out;
    private final boolean csv;
    private final boolean withEmbedding;

    /** Writes the CSV header, if CSV. */
    public PredictionWriter(Writer out, boolean csv, boolean withEmbedding) throws IOException {
        this.out = out;
        this.csv = csv;
        this.withEmbedding = withEmbedding;
        if (csv) {
            out.write("id,next_items,scores,popular_fallback,unknown_items" + (withEmbedding ? ",embedding" : "")
                    + "\n");
        }
    }

    @Override
    public void accept(Prediction p) throws IOException {
        if (csv) {
            writeCsv(p);
        } else {
            writeJson(p);
        }
        out.flush();
    }

    private void writeJson(Prediction p) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeArrayFieldStart("next_items");
            for (String item : p.items()) {
                g.writeString(item);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("scores");
            for (float s : p.scores()) {
                if (Float.isNaN(s)) {
                    g.writeNull();
                } else {
                    g.writeNumber(s);
                }
            }
            g.writeEndArray();
            g.writeBooleanField("popular_fallback", p.popularFallback());
            g.writeArrayFieldStart("unknown_items");
            for (String item : p.unknownItems()) {
                g.writeString(item);
            }
            g.writeEndArray();
            if (withEmbedding && p.embedding() != null) {
                g.writeArrayFieldStart("embedding");
                for (float v : p.embedding()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    private void writeCsv(Prediction p) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(CsvFields.quote(p.id())).append(',');
        sb.append(CsvFields.quote(String.join(" ", p.items()))).append(',');
        StringBuilder scores = new StringBuilder();
        for (float s : p.scores()) {
            if (!Float.isNaN(s)) {
                scores.append(scores.length() == 0 ? "" : " ").append(s);
            }
        }
        sb.append(scores).append(',').append(p.popularFallback()).append(',');
        sb.append(CsvFields.quote(String.join(" ", p.unknownItems())));
        if (withEmbedding && p.embedding() != null) {
            sb.append(',');
            for (int i = 0; i < p.embedding().length; i++) {
                sb.append(i == 0 ? "" : " ").append(p.embedding()[i]);
            }
        }
        out.write(sb.append('\n').toString());
    }
}
