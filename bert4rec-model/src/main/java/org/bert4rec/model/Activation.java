package org.bert4rec.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The activations {@code hidden_act} may name, as in Google BERT's {@code get_activation}. The seed's configs all use
 * {@code gelu}, which is BERT's tanh approximation with the cubic term (not DL4J's sigmoid-based {@code gelu}).
 */
public enum Activation {
    /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), BERT's {@code gelu}. */
    GELU("gelu"),
    /** max(0, x). */
    RELU("relu"),
    /** tanh(x). */
    TANH("tanh"),
    /** x: BERT's {@code linear}. */
    LINEAR("linear");

    private final String configName;

    Activation(String configName) {
        this.configName = configName;
    }

    /** The name used in bert_config.json. */
    public String configName() {
        return configName;
    }

    /** The activation for a config name (case-insensitive), or null when there is none. */
    public static Activation fromConfigName(String name) {
        for (Activation a : values()) {
            if (a.configName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    static String configNames() {
        return Arrays.stream(values()).map(Activation::configName).collect(Collectors.joining(", "));
    }
}
