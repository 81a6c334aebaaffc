package org.bert4rec.train.predict;

import org.bert4rec.train.eval.ItemVocabulary;

/** A test vocabulary: item id i is named "i" + 100*i; ids 1..numItems, [MASK] at numItems + 2. */
final class MapVocabulary implements ItemVocabulary {
    private final int numItems;

    MapVocabulary(int numItems) {
        this.numItems = numItems;
    }

    @Override
    public int idOf(String item) {
        if (!item.startsWith("i")) {
            return -1;
        }
        try {
            int v = Integer.parseInt(item.substring(1));
            int id = v / 100;
            return v % 100 == 0 && id >= 1 && id <= numItems ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String itemOf(int id) {
        return "i" + (100 * id);
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public int maskId() {
        return numItems + 2;
    }

    @Override
    public int vocabSize() {
        return numItems + 4;
    }
}
