package org.bert4rec.train.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    @Test
    void durationsReadAsMinutesOrHours() {
        assertEquals("0m00s", ProgressListener.formatDuration(0.2));
        assertEquals("1m05s", ProgressListener.formatDuration(65));
        assertEquals("59m59s", ProgressListener.formatDuration(3599));
        assertEquals("1h00m00s", ProgressListener.formatDuration(3600));
        assertEquals("27h46m40s", ProgressListener.formatDuration(100000));
    }
}
