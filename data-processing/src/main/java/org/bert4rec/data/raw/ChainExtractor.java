package org.bert4rec.data.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;

/**
 * Turns an {@link InputTable} into user chains: a table with an item-list column gives one chain per row (rows of
 * the same user are concatenated in file order); a table with a single-item column is an event log, grouped per user
 * and ordered by the timestamp column when there is one (stable: equal timestamps keep file order).
 */
final class ChainExtractor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainExtractor() {
    }

    static List<UserChain> chains(InputTable t, RawOptions o) {
        int user = t.column(o.userColumn());
        int items = t.column(o.itemsColumn());
        int item = t.column(o.itemColumn());
        if (user < 0 || (items < 0 && item < 0)) {
            throw new UserInputException("input " + t.source() + ": expected a user column '" + o.userColumn()
                    + "' and either an item-list column '" + o.itemsColumn() + "' or an event column '"
                    + o.itemColumn() + "'; found columns " + t.columns()
                    + " (choose others with --user_column, --items_column, --item_column)");
        }
        boolean numericUsers = t.rows().stream().allMatch(r -> isInteger(r[user]));
        Map<Object, List<String>> byUser = new LinkedHashMap<>();
        if (items >= 0) {
            for (int r = 0; r < t.rows().size(); r++) {
                Object[] row = t.rows().get(r);
                List<String> tokens = tokens(row[items], t, r);
                byUser.computeIfAbsent(userId(row[user], numericUsers, t, r), k -> new ArrayList<>()).addAll(tokens);
            }
        } else {
            events(t, o, user, item, numericUsers, byUser);
        }
        List<UserChain> out = new ArrayList<>(byUser.size());
        byUser.forEach((u, list) -> out.add(new UserChain(u, list)));
        return out;
    }

    private static void events(InputTable t, RawOptions o, int user, int item, boolean numericUsers,
            Map<Object, List<String>> byUser) {
        int ts = t.column(o.timestampColumn());
        Integer[] order = new Integer[t.rows().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (ts >= 0) {
            boolean numeric = t.rows().stream().allMatch(r -> asDouble(r[ts]) != null);
            Comparator<Integer> byTime = numeric
                    ? Comparator.comparingDouble(i -> asDouble(t.rows().get(i)[ts]))
                    : Comparator.comparing(i -> String.valueOf(t.rows().get(i)[ts]));
            Arrays.sort(order, byTime); // stable for objects: ties keep file order
        }
        for (int r : order) {
            Object[] row = t.rows().get(r);
            String token = token(row[item], t, r);
            byUser.computeIfAbsent(userId(row[user], numericUsers, t, r), k -> new ArrayList<>()).add(token);
        }
    }

    private static Object userId(Object v, boolean numeric, InputTable t, int r) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            throw new UserInputException("input " + t.source() + " row " + t.lineOf()[r] + ": the user id is empty");
        }
        if (numeric) {
            return v instanceof Number n ? (Object) n.longValue() : (Object) Long.parseLong(((String) v).trim());
        }
        return v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(v).trim();
    }

    private static boolean isInteger(Object v) {
        if (v instanceof Long) {
            return true;
        }
        if (v instanceof String s) {
            // only the canonical form: "007" and "7" are different users, which a numeric sort would merge
            String t = s.trim();
            try {
                return String.valueOf(Long.parseLong(t)).equals(t);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static Double asDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? null : Double.valueOf(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An item list: a Python/JSON list, a JSON array as text, or space-separated tokens; null/NaN = empty. */
    private static List<String> tokens(Object v, InputTable t, int r) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return List.of();
        }
        List<?> values;
        if (v instanceof List<?> list) {
            values = list;
        } else if (v instanceof String s) {
            String text = s.trim();
            if (text.startsWith("[")) {
                try {
                    values = JSON.readValue(text, List.class);
                } catch (IOException e) {
                    throw new UserInputException("input " + t.source() + " row " + t.lineOf()[r]
                            + ": the item list is not a valid JSON array: " + abbreviate(text));
                }
            } else {
                values = text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
            }
        } else {
            throw new UserInputException("input " + t.source() + " row " + t.lineOf()[r] + ": expected a list of"
                    + " items, found " + abbreviate(String.valueOf(v)));
        }
        List<String> out = new ArrayList<>(values.size());
        for (Object x : values) {
            out.add(token(x, t, r));
        }
        return out;
    }

    private static String token(Object x, InputTable t, int r) {
        String s;
        if (x instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            s = String.valueOf(d.longValue());
        } else if (x instanceof Integer || x instanceof Long || x instanceof String || x instanceof Double) {
            s = String.valueOf(x).trim();
        } else {
            throw new UserInputException("input " + t.source() + " row " + t.lineOf()[r] + ": item " + x
                    + " is not a number or a string");
        }
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            throw new UserInputException("input " + t.source() + " row " + t.lineOf()[r] + ": item '" + s
                    + "' is empty or contains whitespace; item ids must be single tokens");
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
