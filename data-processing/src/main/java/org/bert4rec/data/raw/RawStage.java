package org.bert4rec.data.raw;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * The raw stage: external table → {@code data/interim/<p>_<task>.txt}.
 *
 * <p>Differences from the seed, each a fix: {@code --drop_duplicates} collapses runs of a repeated item without
 * losing one-item chains (the seed's loop dropped them); with {@code --vocab_exist 1}, users missing from the saved
 * dictionary get new codes after the existing ones (the seed failed with a KeyError), are counted in a warning, and
 * the dictionary is saved again with them.
 */
public final class RawStage {

    /**
     * What the stage did.
     *
     * @param input        the file read
     * @param output       the interim file written
     * @param dictionary   the user dictionary pickle
     * @param chains       chains written
     * @param dropped      chains dropped as too short for the task
     * @param newUsers     users added to an existing dictionary
     * @param items        item lines written
     */
    public record Result(Path input, Path output, Path dictionary, int chains, int dropped, int newUsers,
            long items) {
    }

    private RawStage() {
    }

    /** {@code data/interim/<p>_<task>.txt}. */
    public static Path interimFile(ProjectLayout layout, org.bert4rec.data.Task task) {
        return layout.interim().resolve(layout.project() + "_" + task.name() + ".txt");
    }

    /** Finds the input: {@code --input}, or the first existing {@code data/external/<p>_<task>.<ext>}. */
    public static Path locateInput(ProjectLayout layout, RawOptions o) {
        if (o.input() != null) {
            if (!Files.isRegularFile(o.input())) {
                throw new UserInputException("--input " + o.input() + " does not exist");
            }
            return o.input();
        }
        String base = layout.project() + "_" + o.task().name();
        for (String ext : InputFormats.EXTENSIONS) {
            Path p = layout.external().resolve(base + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new UserInputException("no input for task " + o.task() + ": expected " + layout.external().resolve(
                base + ".pkl") + " (or ." + String.join(", .", InputFormats.EXTENSIONS.subList(1,
                InputFormats.EXTENSIONS.size())) + "): a pandas DataFrame pickle, CSV/TSV or JSON Lines with columns "
                + o.userColumn() + " and " + o.itemsColumn() + ", or an event log with " + o.userColumn() + ", "
                + o.itemColumn() + " [, " + o.timestampColumn() + "]");
    }

    public static Result run(ProjectLayout layout, RawOptions o, Consumer<String> warn) {
        Path input = locateInput(layout, o);
        List<UserChain> chains = ChainExtractor.chains(InputFormats.read(input), o);
        List<Object> users = chains.stream().map(UserChain::userId).collect(Collectors.toList());
        Path dictFile = layout.dics().resolve(UidDictionary.PICKLE_NAME);
        UidDictionary dict;
        int newUsers = 0;
        if (o.vocabExist()) {
            UidDictionary old = UidDictionary.load(dictFile);
            dict = old.extendedWith(users);
            newUsers = dict.size() - old.size();
            if (newUsers > 0) {
                warn.accept(newUsers + " users are not in " + dictFile + "; they get new codes " + old.size() + ".."
                        + (dict.size() - 1) + " and the dictionary is saved with them");
                dict.save(dictFile);
            } else if (!Files.isRegularFile(dictFile.resolveSibling(UidDictionary.TSV_NAME))) {
                dict.saveTsv(dictFile);   // a seed dictionary: add the readable TSV, keep its pickle as it is
            }
        } else {
            dict = UidDictionary.fromOriginals(users);
            dict.save(dictFile);
        }
        int min = o.task().minChainLength();
        List<int[]> order = new ArrayList<>(); // {code, index into kept}
        List<List<String>> kept = new ArrayList<>();
        int dropped = 0;
        for (UserChain c : chains) {
            List<String> items = o.dropDuplicates() ? collapseRuns(c.items()) : c.items();
            if (items.size() < min) {
                dropped++;
                continue;
            }
            if (o.task() == org.bert4rec.data.Task.inference) {
                items = new ArrayList<>(items);
                items.add(items.get(items.size() - 1)); // the placeholder that gets masked, as in the seed
            }
            order.add(new int[] {dict.encodedId(String.valueOf(c.userId())), kept.size()});
            kept.add(items);
        }
        if (kept.isEmpty()) {
            throw new UserInputException("input " + input + ": no chains left for task " + o.task() + ": all "
                    + dropped + " chains have fewer than " + min + " items" + (o.dropDuplicates()
                    ? " after collapsing consecutive repeats" : ""));
        }
        if (dropped > 0) {
            warn.accept(dropped + " of " + chains.size() + " chains dropped: fewer than " + min + " items (task "
                    + o.task() + " needs " + min + ")");
        }
        order.sort(Comparator.comparingInt(a -> a[0]));
        Path out = interimFile(layout, o.task());
        long[] lines = {0};
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            for (int[] e : order) {
                String uid = Integer.toString(e[0]);
                for (String item : kept.get(e[1])) {
                    w.write(uid);
                    w.write(' ');
                    w.write(item);
                    w.write('\n');
                    lines[0]++;
                }
            }
            w.flush();
        });
        return new Result(input, out, dictFile, kept.size(), dropped, newUsers, lines[0]);
    }

    /** Collapses each run of equal consecutive items into one item; a one-item chain stays. */
    static List<String> collapseRuns(List<String> items) {
        List<String> out = new ArrayList<>(items.size());
        for (String s : items) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
