package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;

/**
 * Reads a {@code .env} file as python-dotenv does for the seed pipeline: {@code KEY=VALUE} lines, optional
 * {@code export } prefix, {@code #} comments, values optionally in single or double quotes. Variables already set
 * in the environment win over the file (python-dotenv's {@code load_dotenv()} default).
 */
public final class DotEnvFile {
    private DotEnvFile() {
    }

    /** The variables in {@code file}, in file order; empty when the file does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException(file + " line " + (i + 1) + ": expected KEY=VALUE, got '" + line
                        + "'; fix or remove that line");
            }
            vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return Collections.unmodifiableMap(vars);
    }

    /** {@code environment} over the {@code .env} file: what the seed's processes saw after load_dotenv(). */
    public static Map<String, String> overlay(Map<String, String> environment, Path file) {
        Map<String, String> merged = new LinkedHashMap<>(read(file));
        merged.putAll(environment);
        return Collections.unmodifiableMap(merged);
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && last == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
