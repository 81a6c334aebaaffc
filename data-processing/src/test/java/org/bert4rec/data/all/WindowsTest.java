package org.bert4rec.data.all;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class WindowsTest {
    @Test
    void chainThatFitsIsOneWindow() {
        assertArrayEquals(new int[] {0}, Windows.starts(200, 200, 100));
        assertArrayEquals(new int[] {0}, Windows.starts(1, 200, 100));
    }

    @Test
    void longChainWindowsEndAtTheEndAndStepBack() {
        // range(250 - 200, 0, -100) + [0] = [50, 0] -> ascending
        assertArrayEquals(new int[] {0, 50}, Windows.starts(250, 200, 100));
        // range(250, 0, -100) = 250, 150, 50; + 0
        assertArrayEquals(new int[] {0, 50, 150, 250}, Windows.starts(450, 200, 100));
        // no sliding: step = max length
        assertArrayEquals(new int[] {0, 50, 250}, Windows.starts(450, 200, 200));
        assertArrayEquals(new int[] {0, 1, 2}, Windows.starts(5, 3, 1));
    }
}
