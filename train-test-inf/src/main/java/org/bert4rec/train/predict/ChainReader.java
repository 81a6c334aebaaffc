package org.bert4rec.train.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.bert4rec.utils.UserInputException;

/**
 * Reads item chains line by line (see {@link ChainFormat}), so that any number of chains streams through. Blank
 * lines are skipped; a malformed line is refused with its source and line number.
 */
public final class ChainReader implements Iterator<ItemChain> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final String source;
    private ChainFormat format;
    private int idColumn = -1;
    private int itemsColumn = -1;
    private int columns;
    private long lineNumber;
    private ItemChain next;

    /**
     * @param in     the input
     * @param format its layout; {@link ChainFormat#AUTO} looks at the first non-blank line
     * @param source names the input in messages (a file name, or "standard input")
     */
    public ChainReader(BufferedReader in, ChainFormat format, String source) {
        this.in = in;
        this.format = format;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public ItemChain next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ItemChain c = next;
        next = null;
        return c;
    }

    private ItemChain readNext() {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (format == ChainFormat.AUTO) {
                    String t = line.strip();
                    format = t.startsWith("{") || t.startsWith("[") ? ChainFormat.JSONL : ChainFormat.CSV;
                }
                if (format == ChainFormat.JSONL) {
                    return parseJson(line);
                }
                if (itemsColumn < 0) {
                    parseHeader(line);
                    continue;
                }
                return parseCsv(line);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    private ItemChain parseJson(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw bad("is not JSON (" + e.getOriginalMessage() + ")");
        }
        String id = Long.toString(lineNumber);
        JsonNode items = node;
        if (node.isObject()) {
            items = node.get("items");
            JsonNode idNode = node.get("id");
            if (idNode != null && idNode.isValueNode()) {
                id = idNode.asText();
            }
        }
        if (items == null || !items.isArray()) {
            throw bad("needs an array of item ids, or an object with an \"items\" array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual() && !item.isIntegralNumber()) {
                throw bad("holds the item " + item + "; item ids are strings or integers");
            }
            out.add(item.asText());
        }
        return new ItemChain(id, out);
    }

    private void parseHeader(String line) {
        List<String> names = CsvLine.split(line);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (n.equals("items")) {
                itemsColumn = i;
            } else if (n.equals("id")) {
                idColumn = i;
            }
        }
        if (itemsColumn < 0) {
            throw bad("is a CSV header without an 'items' column (got " + names + "); write e.g. 'id,items'");
        }
        columns = names.size();
    }

    private ItemChain parseCsv(String line) {
        List<String> fields = CsvLine.split(line);
        if (fields.size() != columns) {
            throw bad("has " + fields.size() + " fields, the header " + columns);
        }
        String id = idColumn >= 0 ? fields.get(idColumn).strip() : Long.toString(lineNumber);
        String items = fields.get(itemsColumn).strip();
        return new ItemChain(id, items.isEmpty() ? List.of() : List.of(items.split("\\s+")));
    }

    private UserInputException bad(String what) {
        return new UserInputException(source + " line " + lineNumber + " " + what);
    }
}
