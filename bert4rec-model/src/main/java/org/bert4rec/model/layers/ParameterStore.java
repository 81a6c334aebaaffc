package org.bert4rec.model.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every parameter of the model in creation order, with BERT's initialisers. Initial values come from one
 * {@link Random} seeded by the model seed and consumed in creation order, so a seed fixes the initial weights.
 */
public final class ParameterStore {
    /** TF's truncated normal redraws samples beyond this many standard deviations. */
    private static final double TRUNCATION_STDDEVS = 2.0;

    private final DataType dataType;
    private final Random random;
    private final double initializerRange;
    private final ParameterStore valuesOf;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    public ParameterStore(DataType dataType, long seed, double initializerRange) {
        this.dataType = dataType;
        this.random = new Random(seed);
        this.initializerRange = initializerRange;
        this.valuesOf = null;
    }

    private ParameterStore(ParameterStore valuesOf) {
        this.dataType = valuesOf.dataType;
        this.random = null;
        this.initializerRange = valuesOf.initializerRange;
        this.valuesOf = valuesOf;
    }

    /**
     * A store for a replica of the layers built on {@code source}: asked for a parameter, it returns the one of that
     * name in {@code source} — the same value array, so the replica always computes with the current weights — with
     * a gradient of its own, so that replicas can run their backward passes at the same time.
     */
    public static ParameterStore sharingValuesOf(ParameterStore source) {
        return new ParameterStore(source);
    }

    public DataType dataType() {
        return dataType;
    }

    /** A weight matrix or embedding table, truncated-normal(0, initializer_range), with weight decay. */
    public Parameter truncatedNormal(String name, long rows, long cols) {
        if (valuesOf != null) {
            return shared(name);
        }
        double[] values = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < values.length; i++) {
            double g;
            do {
                g = random.nextGaussian();
            } while (Math.abs(g) > TRUNCATION_STDDEVS);
            values[i] = g * initializerRange;
        }
        return add(name, Nd4j.createFromArray(values).castTo(dataType).reshape('c', rows, cols), true);
    }

    /** A bias or LayerNorm beta: zeros, no weight decay. */
    public Parameter zeros(String name, long size) {
        if (valuesOf != null) {
            return shared(name);
        }
        return add(name, Nd4j.zeros(dataType, 1, size), false);
    }

    /** A LayerNorm gamma: ones, no weight decay. */
    public Parameter ones(String name, long size) {
        if (valuesOf != null) {
            return shared(name);
        }
        return add(name, Nd4j.ones(dataType, 1, size), false);
    }

    private Parameter shared(String name) {
        Parameter source = valuesOf.get(name);
        if (source == null) {
            throw new IllegalStateException("the source store has no parameter " + name);
        }
        return add(name, source.value(), source.decayed());
    }

    private Parameter add(String name, org.nd4j.linalg.api.ndarray.INDArray value, boolean decayed) {
        if (byName.containsKey(name)) {
            throw new IllegalStateException("duplicate parameter name " + name);
        }
        Parameter p = new Parameter(name, value, Nd4j.zeros(dataType, value.shape()), decayed);
        byName.put(name, p);
        return p;
    }

    /** All parameters in creation order. */
    public List<Parameter> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The parameter of that name, or null. */
    public Parameter get(String name) {
        return byName.get(name);
    }

    /** Adds every gradient of this store to the gradient of the same parameter in {@code target}, in order. */
    public void addGradientsTo(ParameterStore target) {
        for (Parameter p : byName.values()) {
            target.get(p.name()).grad().addi(p.grad());
        }
    }

    /** Sets every gradient to zero before a backward pass. */
    public void zeroGradients() {
        for (Parameter p : byName.values()) {
            p.grad().assign(0);
        }
    }
}
