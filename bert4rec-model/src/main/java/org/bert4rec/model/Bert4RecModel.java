package org.bert4rec.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bert4rec.model.layers.BufferArena;
import org.bert4rec.model.layers.HostLoops;
import org.bert4rec.model.layers.InputEmbedding;
import org.bert4rec.model.layers.MaskedLmLoss;
import org.bert4rec.model.layers.OutputHead;
import org.bert4rec.model.layers.Parameter;
import org.bert4rec.model.layers.ParameterStore;
import org.bert4rec.model.layers.Pass;
import org.bert4rec.model.layers.QueryRows;
import org.bert4rec.model.layers.SequenceLayout;
import org.bert4rec.model.layers.TransformerBlock;
import org.bert4rec.model.optim.AdamWeightDecay;
import org.bert4rec.utils.UserInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * BERT4Rec (Sun et al., CIKM 2019) as in the original repository: {@link InputEmbedding} → {@code
 * num_hidden_layers} × {@link TransformerBlock} → {@link OutputHead} at the masked positions → weighted softmax
 * cross-entropy ({@link MaskedLmLoss}); trained with BERT's {@link AdamWeightDecay} and {@link LearningRateSchedule}.
 *
 * <p>Forward and backward passes are written out on ND4J arrays (see docs/MODEL.md for why not SameDiff). Logit
 * index i is item id i; the seed shifted ids by one, which was a bug. Not thread-safe: one model, one thread.
 */
public final class Bert4RecModel implements AutoCloseable {
    private final Bert4RecConfig config;
    private final TrainingHyperparams hyper;
    private final long seed;
    private final BufferArena arena;
    private final ParameterStore params;
    private final InputEmbedding embedding;
    private final List<TransformerBlock> encoder = new ArrayList<>();
    private final OutputHead head;
    private final AdamWeightDecay optimizer;
    private final Random random;
    private long step;
    /** The last layer computes only the rows the output head reads (see {@link QueryRows}); tests switch it off. */
    private boolean lastLayerAtQueries = true;

    private Bert4RecModel(Bert4RecConfig config, TrainingHyperparams hyper, long seed, DataType dataType) {
        this.config = config;
        this.hyper = hyper;
        this.seed = seed;
        this.arena = new BufferArena(dataType);
        this.params = new ParameterStore(dataType, seed, config.initializerRange());
        int site = 0;
        this.embedding = new InputEmbedding(config, site++, params, arena);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            encoder.add(new TransformerBlock("encoder." + i, config, site, params, arena));
            site += TransformerBlock.dropoutSites();
        }
        this.head = new OutputHead(config, embedding.itemTable(), params, arena);
        this.optimizer = new AdamWeightDecay(params.all(), hyper, arena);
        this.random = Pass.newRandom();
    }

    /** A freshly initialised model (float32); the seed fixes the initial weights and every dropout mask. */
    public static Bert4RecModel initialize(Bert4RecConfig config, TrainingHyperparams hyper, long seed) {
        return new Bert4RecModel(config, hyper, seed, DataType.FLOAT);
    }

    /** As {@link #initialize(Bert4RecConfig, TrainingHyperparams, long)} in another precision (tests use double). */
    static Bert4RecModel initialize(Bert4RecConfig config, TrainingHyperparams hyper, long seed, DataType type) {
        return new Bert4RecModel(config, hyper, seed, type);
    }

    /**
     * One training step on {@code batch}: forward with dropout, backward, global-norm clip, AdamWeightDecay update
     * with the scheduled learning rate of the current step; then the step counter advances.
     */
    public StepResult trainStep(ModelBatch batch) {
        double lr = LearningRateSchedule.at(step, hyper);
        MaskedLmLoss.Sums sums = forwardBackward(batch, true);
        double norm = optimizer.update(lr, step + 1);
        StepResult result = new StepResult(step, sums.loss(), accuracy(sums), lr, norm);
        step++;
        return result;
    }

    /** Masked-LM loss and accuracy without dropout; the weights do not change. */
    public EvalResult evaluate(ModelBatch batch) {
        validate(batch);
        SequenceLayout layout = layoutOf(batch);
        QueryRows queries = queriesOf(batch, layout);
        MaskedPredictions predictions = MaskedPredictions.of(batch, layout, queries);
        MaskedLmLoss.Sums sums = loss(encode(Pass.inference(layout), queries), predictions, false);
        return new EvalResult(sums.lossSum(), sums.correctSum(), sums.weightSum(), predictions.rows().length);
    }

    /**
     * Scores every item at one position per sequence, without dropout.
     *
     * @param inputIds  [batchSize, seqLen] row-major
     * @param inputMask [batchSize, seqLen] row-major
     * @param positions [batchSize]: the position to score in each row (usually the trailing [MASK])
     */
    public ScoreOutput score(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] positions) {
        if (positions.length != batchSize) {
            throw new IllegalArgumentException("positions has " + positions.length + " entries, expected " + batchSize);
        }
        ModelBatch probe = new ModelBatch(batchSize, seqLen, 1, inputIds, inputMask, positions, new int[batchSize],
                new float[batchSize]);
        validate(probe);
        SequenceLayout layout = new SequenceLayout(batchSize, seqLen, inputIds, inputMask, positions);
        QueryRows queries = queriesOf(layout, positions);
        INDArray encoded = encode(Pass.inference(layout), queries);   // [Q, H]
        int[] rows = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            rows[b] = queries.row(layout, b, positions[b]);
        }
        INDArray hidden = head.hidden(encoded, rows);            // [B, H]
        INDArray logits = head.logits();                         // [B, V]
        return new ScoreOutput(batchSize, config.vocabSize(), config.hiddenSize(), HostLoops.toFloats(logits),
                HostLoops.toFloats(hidden));
    }

    /** Off-heap bytes held for activations and scratch (parameters and Adam moments not included). */
    public long activationBytes() {
        return arena.bytes();
    }

    /** Steps trained so far; the next update uses the learning rate of this step. */
    public long step() {
        return step;
    }

    public Bert4RecConfig config() {
        return config;
    }

    public TrainingHyperparams hyperparams() {
        return hyper;
    }

    /** The seed the model was initialised with; with the step it determines the dropout masks. */
    public long seed() {
        return seed;
    }

    /**
     * Writes weights, Adam moments, step, seed and configs into {@code dir} (created; an existing folder is
     * replaced). The folder appears complete or not at all: it is written under a temporary name and renamed.
     */
    public void save(Path dir) {
        ModelCheckpoint.save(this, dir);
    }

    /** Reads a folder written by {@link #save}; scores are bit-identical and training continues where it stopped. */
    public static Bert4RecModel load(Path dir) {
        return ModelCheckpoint.load(dir);
    }

    /**
     * Reads a folder written by {@link #save} with new optimiser settings: a rerun with a larger num_train_steps
     * continues the saved weights, moments and step under the longer schedule.
     */
    public static Bert4RecModel load(Path dir, TrainingHyperparams hyper) {
        return ModelCheckpoint.load(dir, hyper);
    }

    /** Frees the model's activation buffers; the model must not be used afterwards. */
    @Override
    public void close() {
        arena.close();
    }

    // ---- package-private: checkpoints and tests ----

    static Bert4RecModel restore(Bert4RecConfig config, TrainingHyperparams hyper, long seed, DataType type,
            long step) {
        Bert4RecModel model = new Bert4RecModel(config, hyper, seed, type);
        model.step = step;
        return model;
    }

    /** Computes every row of the last layer, as a reference for tests of the default path. */
    void computeAllRowsOfLastLayer() {
        lastLayerAtQueries = false;
    }

    DataType dataType() {
        return arena.dataType();
    }

    AdamWeightDecay optimizer() {
        return optimizer;
    }

    List<Parameter> parameters() {
        return params.all();
    }

    /** Forward and backward at the current step, gradients left in the parameters; no update. */
    MaskedLmLoss.Sums forwardBackward(ModelBatch batch, boolean dropout) {
        validate(batch);
        SequenceLayout layout = layoutOf(batch);
        QueryRows queries = queriesOf(batch, layout);
        MaskedPredictions predictions = MaskedPredictions.of(batch, layout, queries);
        Pass pass = dropout ? Pass.training(layout, seed, step, random) : Pass.inference(layout);
        INDArray encoded = encode(pass, queries);                 // [Q, H]
        params.zeroGradients();
        if (predictions.rows().length == 0) {
            return new MaskedLmLoss.Sums(0, 0, predictions.weightSum());   // nothing to predict: zero gradient
        }
        head.hidden(encoded, predictions.rows());
        INDArray logits = head.logits();                          // [M, V]
        MaskedLmLoss.Sums sums = MaskedLmLoss.apply(logits, predictions.labels(), predictions.weights(), true);
        INDArray d = head.backward(logits);                       // [Q, H], then [T, H] below the last layer
        for (int i = encoder.size() - 1; i >= 0; i--) {
            d = encoder.get(i).backward(d);
        }
        embedding.backward(d);
        return sums;
    }

    /** The loss at the current step without any backward pass (dropout masks as {@link #forwardBackward}). */
    MaskedLmLoss.Sums forwardLoss(ModelBatch batch, boolean dropout) {
        validate(batch);
        SequenceLayout layout = layoutOf(batch);
        QueryRows queries = queriesOf(batch, layout);
        MaskedPredictions predictions = MaskedPredictions.of(batch, layout, queries);
        Pass pass = dropout ? Pass.training(layout, seed, step, random) : Pass.inference(layout);
        return loss(encode(pass, queries), predictions, false);
    }

    // ---- internals ----

    /** Embeddings and every layer; the last outputs only the rows in {@code queries} → [Q, H]. */
    private INDArray encode(Pass pass, QueryRows queries) {
        INDArray x = embedding.forward(pass);                    // [T, H]
        QueryRows everyToken = QueryRows.all(pass.layout());
        for (int i = 0; i < encoder.size(); i++) {
            x = encoder.get(i).forward(x, pass, i == encoder.size() - 1 ? queries : everyToken);
        }
        return x;
    }

    /** The rows the last layer computes: the weighted masked positions (all tokens when switched off for tests). */
    private QueryRows queriesOf(ModelBatch batch, SequenceLayout layout) {
        return queriesOf(layout, MaskedPredictions.requiredPositions(batch));
    }

    /** The rows at {@code positions} ([batchSize, k], -1 for none), or all tokens when switched off for tests. */
    private QueryRows queriesOf(SequenceLayout layout, int[] positions) {
        return lastLayerAtQueries ? QueryRows.at(layout, positions) : QueryRows.all(layout);
    }

    private MaskedLmLoss.Sums loss(INDArray encoded, MaskedPredictions predictions, boolean gradient) {
        if (predictions.rows().length == 0) {
            return new MaskedLmLoss.Sums(0, 0, predictions.weightSum());
        }
        head.hidden(encoded, predictions.rows());
        INDArray logits = head.logits();                          // [M, V]
        return MaskedLmLoss.apply(logits, predictions.labels(), predictions.weights(), gradient);
    }

    private static double accuracy(MaskedLmLoss.Sums sums) {
        return sums.weightSum() > 0 ? sums.correctSum() / sums.weightSum() : 0;
    }

    private static SequenceLayout layoutOf(ModelBatch batch) {
        return new SequenceLayout(batch.batchSize(), batch.seqLen(), batch.inputIds(), batch.inputMask(),
                MaskedPredictions.requiredPositions(batch));
    }

    private void validate(ModelBatch batch) {
        if (batch.seqLen() > config.maxPositionEmbeddings()) {
            throw new UserInputException("sequence length " + batch.seqLen() + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings() + " of bert_config.json; rerun `all` with a shorter "
                    + "max_seq_length or raise max_position_embeddings");
        }
        requireIds("input_ids", batch.inputIds(), batch.seqLen());
        requireIds("masked_lm_ids", batch.maskedIds(), batch.numPredictions());
        for (int i = 0; i < batch.maskedPositions().length; i++) {
            int p = batch.maskedPositions()[i];
            if (p < 0 || p >= batch.seqLen()) {
                throw new UserInputException("masked_lm_positions value " + p + " in row " + i / batch.numPredictions()
                        + " is outside [0, " + batch.seqLen() + "); the records are corrupt: rerun `all`");
            }
        }
    }

    private void requireIds(String field, int[] ids, int rowLength) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
                throw new UserInputException(field + " value " + ids[i] + " in row " + i / rowLength
                        + " is outside [0, vocab_size " + config.vocabSize() + ") of bert_config.json; the data and "
                        + "the model config disagree: rerun `all` or fix vocab_size");
            }
        }
    }
}
