package org.bert4rec.train.training;

import java.math.BigDecimal;

/** The seed's automatic model name, so that a seed user finds models where they expect them. */
public final class ModelNames {
    private ModelNames() {
    }

    /**
     * {@code hs<hidden>_msl<max_seq_length>_mpps<max_predictions>_nts<num_train_steps>_lr<learning_rate>}, the
     * learning rate printed as Python prints a float ({@code 0.0001}, {@code 1e-05}) as the seed's f-string did.
     */
    public static String automatic(int hiddenSize, int maxSeqLength, int maxPredictions, long numTrainSteps,
            double learningRate) {
        return "hs" + hiddenSize + "_msl" + maxSeqLength + "_mpps" + maxPredictions + "_nts" + numTrainSteps
                + "_lr" + pythonFloat(learningRate);
    }

    /** Python's {@code repr(float)}: shortest round-trip digits; scientific below 1e-4 or from 1e16. */
    static String pythonFloat(double x) {
        if (x == 0) {
            return "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = x < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
