package org.bert4rec.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;
import org.bert4rec.utils.pickle.NumpyArrays;
import org.bert4rec.utils.pickle.PickleReader;
import org.bert4rec.utils.pickle.PythonObject;

/**
 * The item vocabulary of the original BERT4Rec ({@code vocab.py}'s FreqVocab): items get ids 1..n by descending
 * frequency, then come {@code [pad]} = n+1, {@code [MASK]} = n+2, {@code [NO_USE]} = n+3, and vocab_size = n + 4
 * (the original's item_count + 3 special tokens + 1 for id 0).
 *
 * <p>Ties: items with equal counts keep the order in which they were first seen (users in order, items in chain
 * order). That is exactly what the original gets from {@code Counter.most_common()}, a stable sort over insertion
 * order. The original puts the special tokens in a Python set, so their ids depended on string hashing (the seed's
 * ML-1m vocab has [NO_USE] = n+1, [MASK] = n+2, [pad] = n+3); ours are fixed, and a seed vocab is read with the ids
 * it recorded.
 *
 * <p>Id 0 is not a token: input padding uses 0, as the original gen_data pads input_ids with 0 (not the [pad] id).
 *
 * <p>File format ({@code references/<p>.vocab}): UTF-8 text, {@code #} comment lines, then one line per id
 * {@code id<TAB>token<TAB>count}, ids 1..n+3 in order. A pickled seed FreqVocab (protocol 2) at the same path is
 * recognised by its first byte and read too; its {@code item_} token prefix is removed.
 */
public final class FreqVocab {
    /** Input padding id (the original pads input_ids and masked_lm_ids with 0). */
    public static final int PAD_ID = 0;
    public static final String PAD_TOKEN = "[pad]";
    public static final String MASK_TOKEN = "[MASK]";
    public static final String NO_USE_TOKEN = "[NO_USE]";
    /** The seed's token prefix for items ({@code 'item_' + str(item)}). */
    static final String SEED_ITEM_PREFIX = "item_";
    private static final int SPECIAL_TOKENS = 3;
    private static final int PICKLE_PROTO_BYTE = 0x80;
    private static final String HEADER = "# bert4rec FreqVocab v1: id<TAB>token<TAB>count. Items have ids 1..n by"
            + " descending count (ties: first seen first), then [pad], [MASK], [NO_USE]; vocab_size = n + 4;"
            + " input padding uses id 0.\n";

    private final String[] items;
    private final long[] counts;
    private final Map<String, Integer> ids;
    private final int padTokenId;
    private final int maskId;
    private final int noUseId;

    private FreqVocab(String[] items, long[] counts, int padTokenId, int maskId, int noUseId) {
        this.items = items;
        this.counts = counts;
        this.ids = new HashMap<>(items.length * 2);
        for (int i = 0; i < items.length; i++) {
            if (ids.put(items[i], i + 1) != null) {
                throw new IllegalArgumentException("item " + items[i] + " appears twice in the vocabulary");
            }
        }
        this.padTokenId = padTokenId;
        this.maskId = maskId;
        this.noUseId = noUseId;
    }

    /**
     * Builds the vocabulary from item tokens listed in first-seen order with their counts: ids by descending count,
     * ties in first-seen order.
     */
    public static FreqVocab fromCounts(List<String> tokensFirstSeen, long[] counts) {
        int n = tokensFirstSeen.size();
        for (String token : tokensFirstSeen) {
            if (token.equals(PAD_TOKEN) || token.equals(MASK_TOKEN) || token.equals(NO_USE_TOKEN)) {
                throw new UserInputException("item " + token + " has the name of a special token of the vocabulary"
                        + " (" + PAD_TOKEN + ", " + MASK_TOKEN + ", " + NO_USE_TOKEN + "): rename it in the input");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                : Integer.compare(a, b));
        String[] items = new String[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            items[i] = tokensFirstSeen.get(order[i]);
            c[i] = counts[order[i]];
        }
        return new FreqVocab(items, c, n + 1, n + 2, n + 3);
    }

    /** The id of an item, or -1 when the vocabulary lacks it. */
    public int idOf(String item) {
        Integer id = ids.get(item);
        return id == null ? -1 : id;
    }

    /** The token of an id: an item for 1..n, a special token for the three after. */
    public String itemOf(int id) {
        if (id >= 1 && id <= items.length) {
            return items[id - 1];
        }
        if (id == padTokenId) {
            return PAD_TOKEN;
        }
        if (id == maskId) {
            return MASK_TOKEN;
        }
        if (id == noUseId) {
            return NO_USE_TOKEN;
        }
        throw new IllegalArgumentException("id " + id + " is outside the vocabulary (1.." + (items.length + 3) + ")");
    }

    public int numItems() {
        return items.length;
    }

    /** Items + 3 special tokens + 1 (id 0): the model's output width, as the original computes it. */
    public int vocabSize() {
        return items.length + SPECIAL_TOKENS + 1;
    }

    public int maskId() {
        return maskId;
    }

    /** The [pad] token's id (n+1); note input padding uses {@link #PAD_ID} 0 instead. */
    public int padTokenId() {
        return padTokenId;
    }

    public int noUseId() {
        return noUseId;
    }

    /** How often an item occurred in the data the vocabulary was built from (0 for special tokens). */
    public long count(int id) {
        return id >= 1 && id <= items.length ? counts[id - 1] : 0;
    }

    public int firstItemId() {
        return 1;
    }

    public int lastItemId() {
        return items.length;
    }

    /** Writes the text format atomically. */
    public void save(Path file) {
        StringBuilder sb = new StringBuilder(HEADER.length() + items.length * 16);
        sb.append(HEADER);
        for (int id = 1; id <= items.length + SPECIAL_TOKENS; id++) {
            sb.append(id).append('\t').append(itemOf(id)).append('\t').append(count(id)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads our text format or a seed's pickled FreqVocab. */
    public static FreqVocab load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("vocabulary " + file + " does not exist: run bert4rec all for a training"
                    + " task first (bert4rec all --task train_val_test), or give the all stage --vocab_filename");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > 0 && (bytes[0] & 0xff) == PICKLE_PROTO_BYTE) {
            return fromSeedPickle(file);
        }
        return fromText(file, new String(bytes, StandardCharsets.UTF_8));
    }

    private static FreqVocab fromText(Path file, String text) {
        List<String> items = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        Map<String, Integer> specials = new HashMap<>();
        int lineNo = 0;
        int expectedId = 1;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length != 3 || Integer.parseInt(f[0]) != expectedId) {
                    throw new NumberFormatException();
                }
                long count = Long.parseLong(f[2]);
                if (f[1].equals(PAD_TOKEN) || f[1].equals(MASK_TOKEN) || f[1].equals(NO_USE_TOKEN)) {
                    specials.put(f[1], expectedId);
                } else if (specials.isEmpty()) {
                    items.add(f[1]);
                    counts.add(count);
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UserInputException("vocabulary " + file + " line " + lineNo + ": expected '" + expectedId
                        + "<TAB>token<TAB>count' (ids 1.. in order, items before [pad] [MASK] [NO_USE]): write it"
                        + " again with bert4rec all");
            }
            expectedId++;
        }
        if (specials.size() != SPECIAL_TOKENS) {
            throw new UserInputException("vocabulary " + file + " lacks the special tokens [pad] [MASK] [NO_USE]"
                    + " after its items: write it again with bert4rec all");
        }
        return new FreqVocab(items.toArray(String[]::new), counts.stream().mapToLong(Long::longValue).toArray(),
                specials.get(PAD_TOKEN), specials.get(MASK_TOKEN), specials.get(NO_USE_TOKEN));
    }

    private static FreqVocab fromSeedPickle(Path file) {
        Object o = PickleReader.load(file);
        String problem = "expected the seed's pickled FreqVocab with a token_to_ids dict";
        if (!(o instanceof Map<?, ?> attrs) || !(attrs.get("token_to_ids") instanceof Map<?, ?> tokenToIds)) {
            throw new UserInputException("vocabulary " + file + ": " + problem);
        }
        Map<?, ?> counter = Map.of();
        if (attrs.get("counter") instanceof PythonObject c && c.arg(0) instanceof Map<?, ?> m) {
            counter = m;
        } else if (attrs.get("counter") instanceof Map<?, ?> m) {
            counter = m;
        }
        int total = tokenToIds.size();
        int n = total - SPECIAL_TOKENS;
        String[] items = new String[Math.max(n, 0)];
        long[] counts = new long[items.length];
        Map<String, Integer> specials = new HashMap<>();
        for (Map.Entry<?, ?> e : tokenToIds.entrySet()) {
            String token = String.valueOf(e.getKey());
            int id = ((Number) NumpyArrays.python(e.getValue())).intValue();
            if (token.equals(PAD_TOKEN) || token.equals(MASK_TOKEN) || token.equals(NO_USE_TOKEN)) {
                specials.put(token, id);
                continue;
            }
            if (id < 1 || id > items.length || items[id - 1] != null) {
                throw new UserInputException("vocabulary " + file + ": item " + token + " has id " + id
                        + ", expected unique item ids 1.." + items.length);
            }
            Object count = counter.get(token);
            counts[id - 1] = count == null ? 0 : ((Number) NumpyArrays.python(count)).longValue();
            items[id - 1] = token.startsWith(SEED_ITEM_PREFIX) ? token.substring(SEED_ITEM_PREFIX.length()) : token;
        }
        if (specials.size() != SPECIAL_TOKENS) {
            throw new UserInputException("vocabulary " + file + ": " + problem + " holding [pad], [MASK], [NO_USE]");
        }
        return new FreqVocab(items, counts, specials.get(PAD_TOKEN), specials.get(MASK_TOKEN),
                specials.get(NO_USE_TOKEN));
    }
}
