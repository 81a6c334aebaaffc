package org.bert4rec.data.raw;

import java.nio.file.Path;
import org.bert4rec.data.Task;

/**
 * What the raw stage is asked to do.
 *
 * @param task            which task's input to prepare
 * @param input           the input file, or null for {@code data/external/<p>_<task>.<ext>}
 * @param userColumn      column holding the user id
 * @param itemsColumn     column holding each user's item list (table inputs)
 * @param itemColumn      column holding one item per row (event logs)
 * @param timestampColumn optional event-log column ordering each user's events
 * @param dropDuplicates  collapse runs of the same item into one
 * @param vocabExist      reuse the saved user dictionary
 */
public record RawOptions(Task task, Path input, String userColumn, String itemsColumn, String itemColumn,
        String timestampColumn, boolean dropDuplicates, boolean vocabExist) {
    public static final String DEFAULT_USER_COLUMN = "uid";
    public static final String DEFAULT_ITEMS_COLUMN = "sid_add_to_cart";
    public static final String DEFAULT_ITEM_COLUMN = "item";
    public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";
}
