package org.bert4rec.utils.tracking;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A flat YAML mapping written the way MLflow's file store writes meta.yaml (PyYAML {@code safe_dump}, block style):
 * keys sorted, integers bare, {@code null}, {@code []}, and strings quoted exactly when a YAML reader would
 * otherwise take them for something else (so {@code experiment_id: '0'} stays a string).
 */
final class MetaYaml {

    /** A string YAML reads back as that same string without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./:%@+\\-]*");

    /** Plain words that YAML 1.1 (PyYAML) would read as booleans or null. */
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)y|n|yes|no|true|false|on|off|null|~");

    private final Map<String, String> entries = new TreeMap<>();

    MetaYaml string(String key, String value) {
        entries.put(key, value == null ? "null" : quote(value));
        return this;
    }

    MetaYaml integer(String key, long value) {
        entries.put(key, Long.toString(value));
        return this;
    }

    /** An integer, or {@code null} when absent (e.g. end_time of a running run). */
    MetaYaml integerOrNull(String key, Long value) {
        entries.put(key, value == null ? "null" : Long.toString(value));
        return this;
    }

    MetaYaml nullValue(String key) {
        entries.put(key, "null");
        return this;
    }

    MetaYaml emptyList(String key) {
        entries.put(key, "[]");
        return this;
    }

    /** The document: one {@code key: value} line per entry, sorted by key. */
    String render() {
        StringBuilder b = new StringBuilder();
        entries.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    /**
     * The value as a YAML scalar: bare when safe; double-quoted with escapes when it holds control characters
     * (single quotes cannot carry a line break); else single-quoted with {@code '} doubled.
     */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.matcher(value).matches()) {
            return value;
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            StringBuilder b = new StringBuilder("\"");
            value.chars().forEach(c -> {
                if (c == '"' || c == '\\') {
                    b.append('\\').append((char) c);
                } else if (c < 0x20 || c == 0x7f) {
                    b.append(String.format("\\x%02x", c));
                } else {
                    b.append((char) c);
                }
            });
            return b.append('"').toString();
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
