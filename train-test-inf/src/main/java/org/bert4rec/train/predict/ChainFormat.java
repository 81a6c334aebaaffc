package org.bert4rec.train.predict;

/**
 * How {@code predict}'s input and output are laid out.
 *
 * <ul>
 *   <li>{@link #JSONL}: one JSON value per line, either {@code {"id": "u1", "items": ["12", "7"]}} or a bare array
 *       {@code ["12", "7"]} (ids as strings or numbers; the chain's id is then its line number).</li>
 *   <li>{@link #CSV}: a header naming an {@code items} column and optionally an {@code id} column; items within the
 *       field separated by spaces.</li>
 *   <li>{@link #AUTO}: JSONL when the first non-blank line starts with {@code {} or {@code [}, CSV otherwise (for
 *       input), JSONL for output unless the output file ends in {@code .csv}.</li>
 * </ul>
 */
public enum ChainFormat {
    AUTO, JSONL, CSV
}
