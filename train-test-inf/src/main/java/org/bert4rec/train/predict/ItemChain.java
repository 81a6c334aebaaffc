package org.bert4rec.train.predict;

import java.util.List;

/**
 * One input of {@code predict}.
 *
 * @param id    the caller's name for the chain (a user id, or the 1-based line number when the input gives none)
 * @param items original item ids, oldest first
 */
public record ItemChain(String id, List<String> items) {
    public ItemChain {
        items = List.copyOf(items);
    }
}
