package org.bert4rec.data.all;

import java.util.ArrayList;
import java.util.List;

/** The original gen_data's sliding windows over a training chain. */
final class Windows {
    private Windows() {
    }

    /**
     * Start positions of the windows over a chain of {@code n} items: the whole chain when it fits; otherwise windows
     * of {@code maxLen} ending at the chain's end and stepping back by {@code step}, plus one at 0, in ascending
     * order ({@code range(n - maxLen, 0, -step) + [0]}, reversed).
     */
    static int[] starts(int n, int maxLen, int step) {
        if (n <= maxLen) {
            return new int[] {0};
        }
        List<Integer> s = new ArrayList<>();
        for (int i = n - maxLen; i > 0; i -= step) {
            s.add(i);
        }
        s.add(0);
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(s.size() - 1 - i);
        }
        return out;
    }
}
