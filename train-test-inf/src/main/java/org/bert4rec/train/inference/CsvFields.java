package org.bert4rec.train.inference;

/** Quoting for CSV fields (RFC 4180): a field holding a comma, quote or line break is quoted, quotes doubled. */
public final class CsvFields {
    private CsvFields() {
    }

    public static String quote(String field) {
        boolean plain = true;
        for (int i = 0; i < field.length() && plain; i++) {
            char c = field.charAt(i);
            plain = c != ',' && c != '"' && c != '\n' && c != '\r';
        }
        return plain ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
