package org.bert4rec.utils.tracking;

import java.util.regex.Pattern;

/**
 * MLflow's validation rules (mlflow/utils/validation.py, MLflow 2.x; FORMATS.md §4 and §5): what a key may look
 * like, how long values may be, and how much one log-batch request may carry. Both stores obey them, so that a run
 * logged locally could equally have gone to a server.
 */
final class MlflowLimits {
    private MlflowLimits() {
    }

    /** Keys of params, metrics and tags: word characters, {@code / . - } and space. */
    static final Pattern KEY = Pattern.compile("^[/\\w.\\- ]*$");
    static final int MAX_KEY_LENGTH = 250;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_TAG_VALUE_LENGTH = 5000;

    /** log-batch limits of the REST API. */
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_PER_BATCH = 100;
    static final int MAX_TAGS_PER_BATCH = 100;
    static final int MAX_ITEMS_PER_BATCH = 1000;
    static final int MAX_BATCH_BYTES = 1_000_000;

    /** Room kept in a batch for the envelope ({@code run_id}, brackets); well above what it takes. */
    static final int BATCH_ENVELOPE_BYTES = 1_000;

    /** Bytes a metric entry takes besides its key: braces, field names, a double, two int64s as strings. */
    static final int METRIC_ENTRY_BYTES = 120;

    /** Bytes a param or tag entry takes besides key and value: braces and field names. */
    static final int KEY_VALUE_ENTRY_BYTES = 30;

    /** Whether MLflow accepts {@code key} as a param, metric or tag name. */
    static boolean isValidKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && KEY.matcher(key).matches()
                && isNormalPath(key);
    }

    /**
     * The key with every character MLflow refuses replaced by {@code _}, and cut to the maximum length: a stage's
     * metric is better logged under a close name than lost.
     */
    static String sanitizeKey(String key) {
        String k = key == null || key.isEmpty() ? "_" : key;
        StringBuilder b = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '.' || c == '-' || c == ' ';
            b.append(ok && c < 128 ? c : '_');
        }
        String s = b.length() > MAX_KEY_LENGTH ? b.substring(0, MAX_KEY_LENGTH) : b.toString();
        return isNormalPath(s) ? s : s.replace('/', '_').replace('.', '_');
    }

    /**
     * MLflow stores a key as a relative file path and refuses one that normalises to something else (posixpath
     * normpath): no empty, {@code .} or {@code ..} segments, no leading or trailing slash.
     */
    private static boolean isNormalPath(String key) {
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * An upper bound on the bytes {@code s} takes as a JSON string, whatever escaping the client uses: protobuf's
     * JSON printer writes {@code < > & = '} and control characters as six-byte {@code \\uXXXX} escapes, and a
     * non-ASCII character never takes more than six bytes either way.
     */
    static long jsonBytesBound(String s) {
        long n = 2; // quotes
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&' || c == '=' || c == '\'') {
                n += 6;
            } else {
                n += 1;
            }
        }
        return n;
    }
}
