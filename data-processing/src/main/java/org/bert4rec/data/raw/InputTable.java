package org.bert4rec.data.raw;

import java.util.List;

/**
 * A table read from any accepted input format, before it is interpreted as chains or events.
 *
 * @param source  the file, for messages
 * @param columns column names in file order
 * @param rows    row values by column position: Long, Double, String, List or null
 * @param lineOf  the 1-based line (or row) number of each row, for messages
 */
record InputTable(String source, List<String> columns, List<Object[]> rows, int[] lineOf) {

    int column(String name) {
        return columns.indexOf(name);
    }
}
