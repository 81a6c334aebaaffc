package org.bert4rec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** BERT's schedule: linear warm-up from 0, then linear decay from the peak to 0 at num_train_steps. */
class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysLinearlyToZero() {
        TrainingHyperparams h = TrainingHyperparams.bert(1e-3, 1000, 100);
        assertEquals(0.0, LearningRateSchedule.at(0, h), 0);
        assertEquals(0.5e-3, LearningRateSchedule.at(50, h), 1e-15);
        assertEquals(0.99e-3, LearningRateSchedule.at(99, h), 1e-15);
        // from the end of the warm-up on, the polynomial decay over the whole run (as BERT: not restarted at 100)
        assertEquals(1e-3 * (1 - 100 / 1000.0), LearningRateSchedule.at(100, h), 1e-15);
        assertEquals(0.5e-3, LearningRateSchedule.at(500, h), 1e-15);
        assertEquals(1e-6, LearningRateSchedule.at(999, h), 1e-15);
        assertEquals(0.0, LearningRateSchedule.at(1000, h), 0);
        assertEquals(0.0, LearningRateSchedule.at(5000, h), 0, "past the end the rate stays 0");
    }

    @Test
    void withoutWarmUpTheFirstStepUsesThePeak() {
        TrainingHyperparams h = TrainingHyperparams.bert(2e-3, 10, 0);
        assertEquals(2e-3, LearningRateSchedule.at(0, h), 0);
        assertEquals(1e-3, LearningRateSchedule.at(5, h), 1e-15);
    }

    @Test
    void negativeStepsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.at(-1, TrainingHyperparams.bert(1e-3, 10, 1)));
    }
}
