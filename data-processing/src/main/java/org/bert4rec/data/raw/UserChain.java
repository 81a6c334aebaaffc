package org.bert4rec.data.raw;

import java.util.List;

/**
 * One user's items in order.
 *
 * @param userId the original user id: Long for integer ids, else String
 * @param items  item tokens (no whitespace)
 */
public record UserChain(Object userId, List<String> items) {
}
