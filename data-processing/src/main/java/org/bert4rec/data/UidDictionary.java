package org.bert4rec.data;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;
import org.bert4rec.utils.pickle.NumpyArrays;
import org.bert4rec.utils.pickle.PickleDictWriter;
import org.bert4rec.utils.pickle.PickleReader;

/**
 * Encoded user id (0..n-1) to and from the original user id, as the seed's {@code code_uid} builds it: codes follow
 * the sorted order of the original ids (sklearn's LabelEncoder sorts; integer ids numerically, others as strings).
 *
 * <p>Saved where the seed saves it, {@code references/dics/dic_encoding_uid_user_id.pkl}, as a real Python pickle of
 * a dict {original id: code} (downstream Python keeps working), plus a readable
 * {@code dic_encoding_uid_user_id.tsv} beside it ({@code uid<TAB>user_id}, one line per code).
 */
public final class UidDictionary {
    public static final String PICKLE_NAME = "dic_encoding_uid_user_id.pkl";
    public static final String TSV_NAME = "dic_encoding_uid_user_id.tsv";

    /** Original ids by code: Long for integer ids, String otherwise. */
    private final List<Object> originals;
    private final Map<String, Integer> codes;

    private UidDictionary(List<Object> originals) {
        this.originals = List.copyOf(originals);
        this.codes = new HashMap<>(originals.size() * 2);
        for (int i = 0; i < originals.size(); i++) {
            if (codes.put(String.valueOf(originals.get(i)), i) != null) {
                throw new IllegalArgumentException("user id " + originals.get(i) + " appears twice");
            }
        }
    }

    /** Codes the distinct ids in sorted order (numeric when all are integers, else as strings). */
    public static UidDictionary fromOriginals(Collection<?> ids) {
        return new UidDictionary(sortedDistinct(ids));
    }

    /**
     * This dictionary plus codes for the ids it lacks, appended after the existing codes in sorted order: existing
     * users keep their codes (a trained model's users stay valid) and new users get fresh ones.
     */
    public UidDictionary extendedWith(Collection<?> ids) {
        List<Object> unseen = new ArrayList<>();
        for (Object id : sortedDistinct(ids)) {
            if (encodedId(String.valueOf(id)) < 0) {
                unseen.add(id);
            }
        }
        if (unseen.isEmpty()) {
            return this;
        }
        List<Object> all = new ArrayList<>(originals);
        all.addAll(unseen);
        return new UidDictionary(all);
    }

    /** The original id of a code, as text. */
    public String originalId(int code) {
        return String.valueOf(originals.get(code));
    }

    /** The code of an original id (given as text), or -1. */
    public int encodedId(String original) {
        Integer c = codes.get(original);
        return c == null ? -1 : c;
    }

    public int size() {
        return originals.size();
    }

    /** Writes the pickle and the TSV beside it. */
    public void save(Path pickle) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < originals.size(); i++) {
            dict.put(originals.get(i), i);
        }
        AtomicFiles.writeBytes(pickle, PickleDictWriter.toBytes(dict));
        saveTsv(pickle);
    }

    /** Writes only the readable TSV beside {@code pickle}, leaving the pickle (a seed's, say) byte for byte. */
    public void saveTsv(Path pickle) {
        StringBuilder tsv = new StringBuilder("uid\tuser_id\n");
        for (int i = 0; i < originals.size(); i++) {
            tsv.append(i).append('\t').append(originals.get(i)).append('\n');
        }
        AtomicFiles.writeString(pickle.resolveSibling(TSV_NAME), tsv.toString());
    }

    /** Reads a dictionary pickle written by this tool or by the seed (whose keys are numpy integers). */
    public static UidDictionary load(Path pickle) {
        if (!Files.isRegularFile(pickle)) {
            throw new UserInputException("user dictionary " + pickle + " does not exist: run bert4rec raw without"
                    + " --vocab_exist 1 first (it writes the dictionary)");
        }
        Object o = NumpyArrays.python(PickleReader.load(pickle));
        if (!(o instanceof Map<?, ?> dict)) {
            throw new UserInputException("user dictionary " + pickle + " is not a pickled dict {user_id: code}");
        }
        Object[] byCode = new Object[dict.size()];
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            int code = e.getValue() instanceof Number n ? n.intValue() : -1;
            if (code < 0 || code >= byCode.length || byCode[code] != null) {
                throw new UserInputException("user dictionary " + pickle + ": codes must be 0.." + (byCode.length - 1)
                        + " without gaps, found " + e.getValue() + " for user " + e.getKey());
            }
            byCode[code] = e.getKey() instanceof BigInteger b ? b.toString() : e.getKey();
        }
        return new UidDictionary(List.of(byCode));
    }

    private static List<Object> sortedDistinct(Collection<?> ids) {
        boolean numeric = ids.stream().allMatch(x -> x instanceof Long || x instanceof Integer);
        List<Object> out = new ArrayList<>(new LinkedHashSet<>(numeric
                ? ids.stream().map(x -> (Object) ((Number) x).longValue()).toList()
                : ids.stream().map(x -> (Object) String.valueOf(x)).toList()));
        if (numeric) {
            out.sort(Comparator.comparingLong(x -> (Long) x));
        } else {
            out.sort(Comparator.comparing(x -> (String) x));
        }
        return out;
    }
}
