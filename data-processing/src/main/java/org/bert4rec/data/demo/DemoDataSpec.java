package org.bert4rec.data.demo;

import org.bert4rec.utils.UserInputException;

/**
 * The shape of a demo dataset.
 *
 * @param users     number of users (chains)
 * @param items     number of items
 * @param minLength shortest chain
 * @param maxLength longest chain
 * @param noise     chance that a step ignores the successor rule and draws a popularity-weighted random item
 * @param seed      random seed
 */
public record DemoDataSpec(int users, int items, int minLength, int maxLength, double noise, long seed) {
    public static final int DEFAULT_USERS = 1500;
    public static final int DEFAULT_ITEMS = 300;
    public static final int DEFAULT_MIN_LENGTH = 10;
    public static final int DEFAULT_MAX_LENGTH = 60;
    public static final double DEFAULT_NOISE = 0.15;
    /** Smallest catalogue for which the successor rule is a proper permutation without fixed points. */
    static final int MIN_ITEMS = 10;

    public DemoDataSpec {
        if (users < 1 || items < MIN_ITEMS || minLength < 3 || maxLength < minLength || !(noise >= 0 && noise <= 1)) {
            throw new UserInputException("demo data: need --users >= 1, --items >= " + MIN_ITEMS
                    + ", 3 <= --min_length <= --max_length and 0 <= --noise <= 1");
        }
    }
}
