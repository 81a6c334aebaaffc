package org.bert4rec.utils.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * A dvc.yaml: its stages in file order, read and written in the form DVC 3 accepts (FORMATS.md §6), with the checks
 * DVC makes before it runs anything (no output declared twice or inside another, no cycles) and the order in which
 * {@code dvc repro} runs the stages.
 *
 * @param stages the stages, in file order
 */
public record DvcPipeline(List<DvcStage> stages) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    public DvcPipeline {
        stages = List.copyOf(stages);
    }

    /** Reads a dvc.yaml. */
    public static DvcPipeline read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses dvc.yaml text; {@code source} names it in errors. */
    public static DvcPipeline parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UserInputException(source + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        JsonNode stagesNode = root == null ? null : root.get("stages");
        if (stagesNode == null || !stagesNode.isObject()) {
            throw new UserInputException(source + ": expected a top-level 'stages:' mapping");
        }
        List<DvcStage> stages = new ArrayList<>();
        stagesNode.fields().forEachRemaining(e -> stages.add(parseStage(e.getKey(), e.getValue(), source)));
        return new DvcPipeline(stages);
    }

    private static DvcStage parseStage(String name, JsonNode node, String source) {
        String where = source + ": stage " + name;
        if (!node.isObject()) {
            throw new UserInputException(where + ": expected a mapping with cmd, deps, outs");
        }
        if (node.has("wdir") && !node.get("wdir").asText().equals(".")) {
            throw new UserInputException(where + ": wdir is not supported here; paths are relative to the root");
        }
        JsonNode cmdNode = node.get("cmd");
        String cmd;
        if (cmdNode != null && cmdNode.isTextual()) {
            cmd = cmdNode.asText();
        } else if (cmdNode != null && cmdNode.isArray()) {
            List<String> parts = new ArrayList<>();
            cmdNode.forEach(c -> parts.add(c.asText()));
            cmd = String.join(" && ", parts);
        } else {
            throw new UserInputException(where + ": 'cmd' is required (a string or a list of strings)");
        }
        List<String> deps = new ArrayList<>();
        JsonNode depsNode = node.path("deps");
        depsNode.forEach(d -> deps.add(d.asText()));
        return new DvcStage(name, cmd, deps, parseOuts(node.path("outs"), where), parseOuts(node.path("metrics"),
                where), Optional.ofNullable(node.get("desc")).map(JsonNode::asText));
    }

    private static List<DvcOut> parseOuts(JsonNode list, String where) {
        List<DvcOut> outs = new ArrayList<>();
        for (JsonNode o : list) {
            if (o.isTextual()) {
                outs.add(DvcOut.of(o.asText()));
            } else if (o.isObject() && o.size() == 1) {
                Map.Entry<String, JsonNode> e = o.fields().next();
                JsonNode flags = e.getValue();
                outs.add(new DvcOut(e.getKey(), flags.path("cache").asBoolean(true),
                        flags.path("persist").asBoolean(false)));
            } else {
                throw new UserInputException(where + ": each output is a path or {path: {flags}}, got " + o);
            }
        }
        return outs;
    }

    /** The stage with this name. */
    public Optional<DvcStage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every problem DVC would refuse the file for: outputs declared twice or nested, self-dependencies, cycles. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<String[]> outs = new ArrayList<>(); // {stage, path}
        for (DvcStage s : stages) {
            if (!names.add(s.name())) {
                problems.add("stage " + s.name() + " is declared twice");
            }
            for (DvcOut o : s.allOuts()) {
                for (String[] other : outs) {
                    if (overlaps(other[1], o.path())) {
                        problems.add("output " + o.path() + " of stage " + s.name() + " overlaps output " + other[1]
                                + " of stage " + other[0]);
                    }
                }
                outs.add(new String[] {s.name(), o.path()});
                for (String d : s.deps()) {
                    if (overlaps(d, o.path())) {
                        problems.add("stage " + s.name() + " depends on its own output " + o.path());
                    }
                }
            }
        }
        if (problems.isEmpty() && inOrderOrEmpty().isEmpty()) {
            problems.add("the stages' dependencies form a cycle");
        }
        return problems;
    }

    /**
     * The stages in an order {@code dvc repro} could run them: every stage after the stages whose outputs it
     * depends on; otherwise file order.
     */
    public List<DvcStage> inOrder() {
        return inOrderOrEmpty().orElseThrow(() -> new UserInputException("dvc.yaml: the stages form a cycle"));
    }

    /** The stages {@code dvc repro <target>} runs: the target and everything upstream of it, in order. */
    public List<DvcStage> upstreamOf(String target) {
        DvcStage t = stage(target).orElseThrow(() -> new UserInputException("dvc.yaml has no stage " + target));
        Set<String> needed = new LinkedHashSet<>();
        collect(t, needed);
        return inOrder().stream().filter(s -> needed.contains(s.name())).toList();
    }

    private void collect(DvcStage s, Set<String> needed) {
        if (needed.add(s.name())) {
            for (DvcStage p : producersOf(s)) {
                collect(p, needed);
            }
        }
    }

    /** The stages whose outputs {@code s} depends on. */
    public List<DvcStage> producersOf(DvcStage s) {
        List<DvcStage> producers = new ArrayList<>();
        for (DvcStage other : stages) {
            if (other != s && other.allOuts().stream().anyMatch(o -> s.deps().stream()
                    .anyMatch(d -> overlaps(d, o.path())))) {
                producers.add(other);
            }
        }
        return producers;
    }

    private Optional<List<DvcStage>> inOrderOrEmpty() {
        List<DvcStage> done = new ArrayList<>();
        List<DvcStage> left = new ArrayList<>(stages);
        while (!left.isEmpty()) {
            DvcStage next = left.stream().filter(s -> done.containsAll(producersOf(s))).findFirst().orElse(null);
            if (next == null) {
                return Optional.empty();
            }
            done.add(next);
            left.remove(next);
        }
        return Optional.of(done);
    }

    /** Two paths overlap when they are equal or one is a folder holding the other (DVC's rule for outputs). */
    static boolean overlaps(String a, String b) {
        String x = strip(a);
        String y = strip(b);
        return x.equals(y) || x.startsWith(y + "/") || y.startsWith(x + "/");
    }

    private static String strip(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The dvc.yaml text. */
    public String toYaml() {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode stagesNode = root.putObject("stages");
        for (DvcStage s : stages) {
            ObjectNode n = stagesNode.putObject(s.name());
            s.desc().ifPresent(d -> n.put("desc", d));
            n.put("cmd", s.cmd());
            if (!s.deps().isEmpty()) {
                ArrayNode deps = n.putArray("deps");
                s.deps().forEach(deps::add);
            }
            writeOuts(n, "outs", s.outs());
            writeOuts(n, "metrics", s.metrics());
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOuts(ObjectNode n, String key, List<DvcOut> outs) {
        if (outs.isEmpty()) {
            return;
        }
        ArrayNode arr = n.putArray(key);
        for (DvcOut o : outs) {
            if (!o.hasFlags()) {
                arr.add(o.path());
                continue;
            }
            ObjectNode flags = arr.addObject().putObject(o.path());
            if (!o.cache()) {
                flags.put("cache", false);
            }
            if (o.persist()) {
                flags.put("persist", true);
            }
        }
    }

    /** Writes the dvc.yaml atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toYaml());
    }
}
