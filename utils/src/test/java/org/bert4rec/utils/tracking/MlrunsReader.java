package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads an mlruns folder the way MLflow 2.x's FileStore and UI discover it (FORMATS.md §4), independently of the
 * production code: SnakeYAML (YAML 1.1, like PyYAML) for meta.yaml, its own rules for what counts as an experiment
 * or a run, and strict parsing of metric lines.
 */
final class MlrunsReader {

    private static final Pattern METRIC_LINE = Pattern.compile("^(\\d+) (\\S+) (-?\\d+)$");

    record Experiment(String id, Path dir, Map<String, Object> meta) {
        String name() {
            return (String) meta.get("name");
        }
    }

    record Metric(long timestamp, double value, long step) {
    }

    record Run(String id, Path dir, Map<String, Object> meta) {
        Map<String, String> params() {
            return files(dir.resolve("params"));
        }

        Map<String, String> tags() {
            return files(dir.resolve("tags"));
        }

        Map<String, List<Metric>> metrics() {
            Map<String, List<Metric>> out = new TreeMap<>();
            files(dir.resolve("metrics")).forEach((k, text) -> {
                List<Metric> values = new ArrayList<>();
                assertTrue(text.endsWith("\n"), "metric file " + k + " must end with a newline");
                for (String line : text.split("\n")) {
                    Matcher m = METRIC_LINE.matcher(line);
                    assertTrue(m.matches(), "metric line of " + k + " must be '<timestamp> <value> <step>': " + line);
                    values.add(new Metric(Long.parseLong(m.group(1)), pythonFloat(m.group(2)),
                            Long.parseLong(m.group(3))));
                }
                out.put(k, values);
            });
            return out;
        }

        Path artifacts() {
            return dir.resolve("artifacts");
        }
    }

    private final Path root;

    MlrunsReader(Path root) {
        this.root = root;
    }

    /** Experiments the UI lists: folders except .trash and models, with a meta.yaml whose id is the folder name. */
    List<Experiment> experiments() {
        List<Experiment> out = new ArrayList<>();
        for (Path dir : subfolders(root)) {
            String name = dir.getFileName().toString();
            if (name.equals(".trash") || name.equals("models")) {
                continue;
            }
            Path meta = dir.resolve("meta.yaml");
            if (!Files.isRegularFile(meta)) {
                continue;
            }
            Map<String, Object> m = yaml(meta);
            if (!name.equals(m.get("experiment_id"))) {
                continue;
            }
            out.add(new Experiment(name, dir, m));
        }
        return out;
    }

    Experiment experimentNamed(String name) {
        return experiments().stream().filter(e -> name.equals(e.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no experiment named " + name + " in " + root));
    }

    /** Runs of an experiment: sub-folders except tags, datasets, traces. */
    List<Run> runs(Experiment e) {
        List<Run> out = new ArrayList<>();
        for (Path dir : subfolders(e.dir())) {
            String name = dir.getFileName().toString();
            if (name.equals("tags") || name.equals("datasets") || name.equals("traces")) {
                continue;
            }
            out.add(new Run(name, dir, yaml(dir.resolve("meta.yaml"))));
        }
        return out;
    }

    static Map<String, Object> yaml(Path file) {
        try {
            Object o = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Key → content of every file below {@code dir}, keys with '/' for sub-folders (MLflow's nested keys). */
    static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Python's float() on the strings MLflow writes. */
    static double pythonFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the key order of a meta.yaml file is sorted, as PyYAML's safe_dump writes it. */
    static void assertSortedKeys(Path metaYaml) {
        try {
            List<String> keys = Files.readAllLines(metaYaml).stream().filter(l -> !l.isBlank())
                    .map(l -> l.substring(0, l.indexOf(':'))).toList();
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, metaYaml + " keys must be sorted");
            assertFalse(keys.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
