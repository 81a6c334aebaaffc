package org.bert4rec.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.pickle.PandasFrame;
import org.bert4rec.utils.pickle.PickleReader;

/**
 * Reads the accepted input formats into an {@link InputTable}: pandas DataFrame pickles ({@code .pkl},
 * {@code .pickle}), CSV ({@code .csv}), TSV ({@code .tsv}), JSON Lines ({@code .jsonl}, {@code .ndjson}). Parquet
 * is not read: every maintained Java reader pulls in Hadoop or Arrow (tens of MB); pandas users can write one of
 * the formats above with one call.
 */
final class InputFormats {
    /** Extensions searched, in this order, for {@code data/external/<p>_<task>.<ext>}. */
    static final List<String> EXTENSIONS = List.of("pkl", "pickle", "csv", "tsv", "jsonl", "ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFormats() {
    }

    static InputTable read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "pkl", "pickle" -> pickle(file);
            case "csv" -> delimited(file, ',');
            case "tsv" -> delimited(file, '\t');
            case "jsonl", "ndjson" -> jsonLines(file);
            default -> throw new UserInputException("input " + file + ": unknown extension ." + ext + "; accepted: "
                    + String.join(", ", EXTENSIONS));
        };
    }

    private static InputTable pickle(Path file) {
        Object o = PickleReader.load(file);
        if (!PandasFrame.isFrame(o)) {
            throw new UserInputException("input " + file + " holds a pickled " + describe(o)
                    + ", expected a pandas DataFrame (df.to_pickle)");
        }
        PandasFrame f;
        try {
            f = PandasFrame.decode(o);
        } catch (RuntimeException e) {
            throw new UserInputException("input " + file + ": a DataFrame this tool cannot read (" + e.getMessage()
                    + "); save it as CSV or JSON Lines instead", e);
        }
        List<String> cols = f.columnNames();
        List<Object[]> rows = new ArrayList<>(f.rowCount());
        int[] lines = new int[f.rowCount()];
        List<List<Object>> data = new ArrayList<>();
        for (String c : cols) {
            data.add(f.column(c));
        }
        for (int r = 0; r < f.rowCount(); r++) {
            Object[] row = new Object[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                row[c] = data.get(c).get(r);
            }
            rows.add(row);
            lines[r] = r;
        }
        return new InputTable(file.toString(), cols, rows, lines);
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static InputTable delimited(Path file, char sep) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new UserInputException("input " + file + " is empty: expected a header line naming the columns");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> cols = split(header, sep, file, 1);
            List<Object[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = split(line, sep, file, lineNo);
                if (f.size() != cols.size()) {
                    throw new UserInputException("input " + file + " line " + lineNo + ": " + f.size()
                            + " fields, the header has " + cols.size() + " (" + String.join(", ", cols) + ")");
                }
                rows.add(f.toArray());
                lines.add(lineNo);
            }
            return new InputTable(file.toString(), cols, rows, lines.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line of RFC 4180 CSV: fields may be quoted, with "" for a quote inside. */
    static List<String> split(String line, char sep, Path file, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.length() == 0) {
                quoted = true;
            } else if (ch == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new UserInputException("input " + file + " line " + lineNo + ": a quoted field is not closed");
        }
        out.add(cur.toString());
        return out;
    }

    private static InputTable jsonLines(Path file) {
        Map<String, Integer> cols = new LinkedHashMap<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new UserInputException("input " + file + " line " + lineNo + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (!node.isObject()) {
                    throw new UserInputException("input " + file + " line " + lineNo + ": expected a JSON object per"
                            + " line, e.g. {\"uid\": 1, \"sid_add_to_cart\": [5, 7]}");
                }
                Map<String, Object> obj = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    cols.putIfAbsent(e.getKey(), cols.size());
                    obj.put(e.getKey(), value(e.getValue()));
                }
                objects.add(obj);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        List<String> names = List.copyOf(cols.keySet());
        List<Object[]> rows = new ArrayList<>(objects.size());
        for (Map<String, Object> obj : objects) {
            Object[] row = new Object[names.size()];
            for (int c = 0; c < names.size(); c++) {
                row[c] = obj.get(names.get(c));
            }
            rows.add(row);
        }
        return new InputTable(file.toString(), names, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Object value(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(value(e)));
            return out;
        }
        if (n.isNull()) {
            return null;
        }
        return n.asText();
    }
}
