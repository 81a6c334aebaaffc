package org.bert4rec.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.model.layers.Parameter;

/**
 * BERT4Rec's forward pass and loss written as plain loops over double arrays, one sequence at a time, padded to
 * seqLen and without any of the fast path's packing, chunking, buffer sharing or last-layer shortcut: the slow
 * reference the model's loss is checked against. Follows google-research/bert modeling.py and BERT4Rec's
 * get_masked_lm_output, with the model's parameters read by name.
 */
final class NaiveBert4Rec {
    private final Bert4RecConfig c;
    private final Map<String, double[]> p = new HashMap<>();

    NaiveBert4Rec(Bert4RecConfig config, List<Parameter> parameters) {
        this.c = config;
        for (Parameter q : parameters) {
            p.put(q.name(), q.value().dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble());
        }
    }

    /** The weighted masked-LM loss of a batch, Σ w·CE / (Σ w + 1e-5), without dropout. */
    double loss(ModelBatch batch) {
        double lossSum = 0;
        double weightSum = 0;
        int h = c.hiddenSize();
        int v = c.vocabSize();
        for (int b = 0; b < batch.batchSize(); b++) {
            double[][] x = encode(batch, b);
            for (int j = 0; j < batch.numPredictions(); j++) {
                int i = b * batch.numPredictions() + j;
                double w = batch.maskedWeights()[i];
                weightSum += w;
                if (w == 0) {
                    continue;
                }
                double[] t = dense(x[batch.maskedPositions()[i]], "output_head.transform", h, h);
                gelu(t);
                t = layerNorm(t, "output_head.layer_norm");
                double[] logits = new double[v];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < v; k++) {
                    double s = p.get("output_head.bias")[k];
                    for (int d = 0; d < h; d++) {
                        s += t[d] * p.get("embeddings.item")[k * h + d];
                    }
                    logits[k] = s;
                    max = Math.max(max, s);
                }
                double z = 0;
                for (double s : logits) {
                    z += Math.exp(s - max);
                }
                lossSum += w * -(logits[batch.maskedIds()[i]] - max - Math.log(z));
            }
        }
        return lossSum / (weightSum + 1e-5);
    }

    private double[][] encode(ModelBatch batch, int b) {
        int len = batch.seqLen();
        int h = c.hiddenSize();
        double[][] x = new double[len][h];
        for (int t = 0; t < len; t++) {
            int id = batch.inputIds()[b * len + t];
            for (int d = 0; d < h; d++) {
                x[t][d] = p.get("embeddings.item")[id * h + d] + p.get("embeddings.position")[t * h + d];
            }
            x[t] = layerNorm(x[t], "embeddings.layer_norm");
        }
        for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
            String n = "encoder." + layer;
            double[][] a = attention(x, batch, b, n + ".attention");
            double[][] y = new double[len][];
            for (int t = 0; t < len; t++) {
                double[] hRow = add(a[t], x[t]);
                hRow = layerNorm(hRow, n + ".attention_layer_norm");
                double[] f = dense(hRow, n + ".feed_forward.intermediate", h, c.intermediateSize());
                gelu(f);
                f = dense(f, n + ".feed_forward.output", c.intermediateSize(), h);
                y[t] = layerNorm(add(f, hRow), n + ".output_layer_norm");
            }
            x = y;
        }
        return x;
    }

    private double[][] attention(double[][] x, ModelBatch batch, int b, String n) {
        int len = x.length;
        int h = c.hiddenSize();
        int heads = c.numAttentionHeads();
        int d = h / heads;
        double[][] q = new double[len][];
        double[][] k = new double[len][];
        double[][] v = new double[len][];
        for (int t = 0; t < len; t++) {
            q[t] = dense(x[t], n + ".query", h, h);
            k[t] = dense(x[t], n + ".key", h, h);
            v[t] = dense(x[t], n + ".value", h, h);
        }
        double[][] context = new double[len][h];
        for (int head = 0; head < heads; head++) {
            for (int i = 0; i < len; i++) {
                double[] s = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) {
                        dot += q[i][head * d + e] * k[j][head * d + e];
                    }
                    s[j] = dot / Math.sqrt(d) + (batch.inputMask()[b * len + j] != 0 ? 0 : -10000.0);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < len; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j < len; j++) {
                    for (int e = 0; e < d; e++) {
                        context[i][head * d + e] += s[j] / z * v[j][head * d + e];
                    }
                }
            }
        }
        double[][] out = new double[len][];
        for (int t = 0; t < len; t++) {
            out[t] = dense(context[t], n + ".output", h, h);
        }
        return out;
    }

    private double[] dense(double[] x, String n, int in, int out) {
        double[] kernel = p.get(n + ".kernel");
        double[] y = p.get(n + ".bias").clone();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                y[o] += x[i] * kernel[i * out + o];
            }
        }
        return y;
    }

    private double[] layerNorm(double[] x, String n) {
        double mean = 0;
        for (double e : x) {
            mean += e;
        }
        mean /= x.length;
        double var = 0;
        for (double e : x) {
            var += (e - mean) * (e - mean);
        }
        var /= x.length;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + 1e-12) * p.get(n + ".gamma")[i] + p.get(n + ".beta")[i];
        }
        return y;
    }

    private static void gelu(double[] x) {
        for (int i = 0; i < x.length; i++) {
            double u = x[i];
            x[i] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
        }
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }
}
