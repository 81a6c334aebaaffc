package org.bert4rec.train.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void automaticNameIsTheSeeds() {
        // The seed: f'hs{hidden_size}_msl{max_seq_length}_mpps{max_predictions_per_seq}_nts{num_train_steps}_lr{lr}'
        assertEquals("hs64_msl200_mpps20_nts200000_lr0.0001", ModelNames.automatic(64, 200, 20, 200000, 1e-4));
        assertEquals("hs256_msl50_mpps30_nts1000_lr0.001", ModelNames.automatic(256, 50, 30, 1000, 1e-3));
    }

    @Test
    void learningRatesPrintAsPythonPrintsFloats() {
        // Values checked against CPython's repr(float).
        assertEquals("0.0001", ModelNames.pythonFloat(1e-4));
        assertEquals("1e-05", ModelNames.pythonFloat(1e-5));
        assertEquals("1.5e-05", ModelNames.pythonFloat(1.5e-5));
        assertEquals("0.003", ModelNames.pythonFloat(0.003));
        assertEquals("1.0", ModelNames.pythonFloat(1.0));
        assertEquals("0.1", ModelNames.pythonFloat(0.1));
        assertEquals("2.5", ModelNames.pythonFloat(2.5));
        assertEquals("1e+16", ModelNames.pythonFloat(1e16));
        assertEquals("1234.5", ModelNames.pythonFloat(1234.5));
    }
}
