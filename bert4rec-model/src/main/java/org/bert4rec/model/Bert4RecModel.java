package org.bert4rec.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.bert4rec.utils.runtime.ModelThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT4Rec (Sun et al., CIKM 2019) as in the original repository: {@link InputEmbedding} → {@code
 * num_hidden_layers} × {@link TransformerBlock} → {@link OutputHead} at the masked positions → weighted softmax
 * cross-entropy ({@link MaskedLmLoss}); trained with BERT's {@link AdamWeightDecay} and {@link LearningRateSchedule}.
 *
 * <p>Forward and backward passes are written out on ND4J arrays (see docs/MODEL.md for why not SameDiff). Logit
 * index i is item id i; the seed shifted ids by one, which was a bug. Not thread-safe: one model, one caller.
 *
 * <p>A training step splits its batch into {@value #TRAINING_PARTS} parts, each run forward and backward by its own
 * {@link Network} (the layers over the same weight arrays, with gradients and activation buffers of their own) —
 * on a thread each when {@link ModelThreads} allows, one after the other otherwise — and adds their gradients, each
 * part's loss already divided by the whole batch's weight sum: the step is the whole batch's. ND4J's own threads
 * barely speed up these small ops, two single-threaded networks nearly twice (docs/BENCHMARKS.md). The parts are
 * dealt by work ({@link BatchSplit}) from the batch alone, so a step computes the same numbers on one thread or two.
 */
public final class Bert4RecModel implements AutoCloseable {
    /** Parts of a training batch, each computed by its own network. */
    static final int TRAINING_PARTS = 2;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final Bert4RecConfig config;
    private final TrainingHyperparams hyper;
    private final long seed;
    private final ParameterStore params;
    /** networks.get(0) owns the parameters (and scores); the others share their values. */
    private final List<Network> networks = new ArrayList<>();
    private final AdamWeightDecay optimizer;
    private ExecutorService partThreads;
    private long step;
    /** The last layer computes only the rows the output head reads (see {@link QueryRows}); tests switch it off. */
    private boolean lastLayerAtQueries = true;

    private Bert4RecModel(Bert4RecConfig config, TrainingHyperparams hyper, long seed, DataType dataType) {
        this.config = config;
        this.hyper = hyper;
        this.seed = seed;
        this.params = new ParameterStore(dataType, seed, config.initializerRange());
        networks.add(new Network(config, params, dataType));
        for (int i = 1; i < TRAINING_PARTS; i++) {
            networks.add(new Network(config, ParameterStore.sharingValuesOf(params), dataType));
        }
        this.optimizer = new AdamWeightDecay(params.all(), hyper, networks.get(0).arena);
        partsOnThreads(replicaThreads() > 1);
    }

    /**
     * Threads for model replicas in this process ({@link ModelThreads}) — 1 on a GPU backend, where the device runs
     * each op in parallel already and replicas would only queue up on it.
     */
    public static int replicaThreads() {
        return Nd4j.getEnvironment().isCPU() ? ModelThreads.replicas() : 1;
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
        Network net = networks.get(0);
        MaskedLmLoss.Sums sums = net.loss(net.encode(Pass.inference(layout), queries), predictions, false,
                predictions.weightSum() + MaskedLmLoss.WEIGHT_SUM_EPSILON);
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
        Network net = networks.get(0);
        INDArray encoded = net.encode(Pass.inference(layout), queries);   // [Q, H]
        int[] rows = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            rows[b] = queries.row(layout, b, positions[b]);
        }
        INDArray hidden = net.head.hidden(encoded, rows);        // [B, H]
        INDArray logits = net.head.logits();                     // [B, V]
        return new ScoreOutput(batchSize, config.vocabSize(), config.hiddenSize(), HostLoops.toFloats(logits),
                HostLoops.toFloats(hidden));
    }

    /** Off-heap bytes held for activations and scratch (parameters and Adam moments not included). */
    public long activationBytes() {
        return networks.stream().mapToLong(n -> n.arena.bytes()).sum();
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
        if (partThreads != null) {
            partThreads.shutdownNow();
        }
        networks.forEach(n -> n.arena.close());
    }

    // ---- package-private: checkpoints and tests ----

    static Bert4RecModel restore(Bert4RecConfig config, TrainingHyperparams hyper, long seed, DataType type,
            long step) {
        Bert4RecModel model = new Bert4RecModel(config, hyper, seed, type);
        model.step = step;
        return model;
    }

    /** Whether parts 1.. of a training batch run on threads of their own (else one after the other, here). */
    void partsOnThreads(boolean on) {
        if (partThreads != null) {
            partThreads.shutdownNow();
        }
        partThreads = on ? Executors.newFixedThreadPool(TRAINING_PARTS - 1, r -> {
            Thread t = new Thread(r, "training-part");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Computes every row of the last layer, as a reference for tests of the default path. */
    void computeAllRowsOfLastLayer() {
        lastLayerAtQueries = false;
    }

    DataType dataType() {
        return params.dataType();
    }

    AdamWeightDecay optimizer() {
        return optimizer;
    }

    List<Parameter> parameters() {
        return params.all();
    }

    /**
     * Forward and backward at the current step, gradients left in the parameters; no update. The batch is computed
     * in {@value #TRAINING_PARTS} parts (see the class comment).
     */
    MaskedLmLoss.Sums forwardBackward(ModelBatch batch, boolean dropout) {
        validate(batch);
        double denominator = batch.weightSum() + MaskedLmLoss.WEIGHT_SUM_EPSILON;
        MaskedLmLoss.Sums sums = inParts(batch, (net, part, partSeed) -> {
            SequenceLayout layout = layoutOf(part);
            return net.forwardBackward(part, passOf(net, layout, dropout, partSeed), queriesOf(part, layout),
                    denominator);
        });
        for (int i = 1; i < partsOf(batch); i++) {
            networks.get(i).params.addGradientsTo(params);
        }
        return sums;
    }

    /** The loss at the current step without any backward pass (parts and dropout masks as {@link #forwardBackward}). */
    MaskedLmLoss.Sums forwardLoss(ModelBatch batch, boolean dropout) {
        validate(batch);
        double denominator = batch.weightSum() + MaskedLmLoss.WEIGHT_SUM_EPSILON;
        return inParts(batch, (net, part, partSeed) -> {
            SequenceLayout layout = layoutOf(part);
            QueryRows queries = queriesOf(part, layout);
            return net.loss(net.encode(passOf(net, layout, dropout, partSeed), queries),
                    MaskedPredictions.of(part, layout, queries), false, denominator);
        });
    }

    // ---- internals ----

    /** Work on one part of a batch by one network; partSeed seeds the part's dropout masks. */
    @FunctionalInterface
    private interface PartWork {
        MaskedLmLoss.Sums run(Network net, ModelBatch part, long partSeed);
    }

    /**
     * Runs {@code work} on each part of {@code batch} (rows dealt by {@link BatchSplit} into parts of nearly equal
     * work; a batch of one row is one part) with network i on part i, part 0 on this thread and the others on the
     * part threads when there are, and returns the summed sums.
     */
    private MaskedLmLoss.Sums inParts(ModelBatch batch, PartWork work) {
        int parts = partsOf(batch);
        if (parts == 1) {
            return work.run(networks.get(0), batch, seed);
        }
        int[][] split = BatchSplit.balanced(batch, parts, config);
        List<Future<MaskedLmLoss.Sums>> others = new ArrayList<>();
        List<MaskedLmLoss.Sums> done = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            ModelBatch part = batch.select(split[i]);
            Network net = networks.get(i);
            long partSeed = seed ^ (GOLDEN_GAMMA * i);
            if (partThreads != null) {
                others.add(partThreads.submit(() -> work.run(net, part, partSeed)));
            } else {
                done.add(work.run(net, part, partSeed));
            }
        }
        MaskedLmLoss.Sums first = work.run(networks.get(0), batch.select(split[0]), seed);
        for (Future<MaskedLmLoss.Sums> f : others) {
            done.add(await(f));
        }
        double loss = first.lossSum();
        double correct = first.correctSum();
        double weight = first.weightSum();
        for (MaskedLmLoss.Sums s : done) {
            loss += s.lossSum();
            correct += s.correctSum();
            weight += s.weightSum();
        }
        return new MaskedLmLoss.Sums(loss, correct, weight);
    }

    private static int partsOf(ModelBatch batch) {
        return Math.min(TRAINING_PARTS, batch.batchSize());
    }

    private static MaskedLmLoss.Sums await(Future<MaskedLmLoss.Sums> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        }
    }

    private Pass passOf(Network net, SequenceLayout layout, boolean dropout, long partSeed) {
        return dropout ? Pass.training(layout, partSeed, step, net.random) : Pass.inference(layout);
    }

    /** The rows the last layer computes: the weighted masked positions (all tokens when switched off for tests). */
    private QueryRows queriesOf(ModelBatch batch, SequenceLayout layout) {
        return queriesOf(layout, MaskedPredictions.requiredPositions(batch));
    }

    /** The rows at {@code positions} ([batchSize, k], -1 for none), or all tokens when switched off for tests. */
    private QueryRows queriesOf(SequenceLayout layout, int[] positions) {
        return lastLayerAtQueries ? QueryRows.at(layout, positions) : QueryRows.all(layout);
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

    /**
     * One copy of the layers: embedding, encoder blocks and output head over the parameters of {@code params}
     * (the model's own, or values shared with them), with activation buffers of its own.
     */
    private static final class Network {
        private final ParameterStore params;
        private final BufferArena arena;
        private final InputEmbedding embedding;
        private final List<TransformerBlock> encoder = new ArrayList<>();
        private final OutputHead head;
        private final Random random;

        Network(Bert4RecConfig config, ParameterStore params, DataType dataType) {
            this.params = params;
            this.arena = new BufferArena(dataType);
            int site = 0;
            this.embedding = new InputEmbedding(config, site++, params, arena);
            for (int i = 0; i < config.numHiddenLayers(); i++) {
                encoder.add(new TransformerBlock("encoder." + i, config, site, params, arena));
                site += TransformerBlock.dropoutSites();
            }
            this.head = new OutputHead(config, embedding.itemTable(), params, arena);
            this.random = Pass.newRandom();
        }

        /** Embeddings and every layer; the last outputs only the rows in {@code queries} → [Q, H]. */
        INDArray encode(Pass pass, QueryRows queries) {
            INDArray x = embedding.forward(pass);                    // [T, H]
            QueryRows everyToken = QueryRows.all(pass.layout());
            for (int i = 0; i < encoder.size(); i++) {
                x = encoder.get(i).forward(x, pass, i == encoder.size() - 1 ? queries : everyToken);
            }
            return x;
        }

        /** Forward and backward of {@code batch}; gradients (of this network's parameters) with the loss ÷ denominator. */
        MaskedLmLoss.Sums forwardBackward(ModelBatch batch, Pass pass, QueryRows queries, double denominator) {
            MaskedPredictions predictions = MaskedPredictions.of(batch, pass.layout(), queries);
            INDArray encoded = encode(pass, queries);                 // [Q, H]
            params.zeroGradients();
            if (predictions.rows().length == 0) {
                return new MaskedLmLoss.Sums(0, 0, predictions.weightSum());   // nothing to predict: zero gradient
            }
            INDArray logits = logitsAt(encoded, predictions);         // [M, V], dLogits after the loss
            MaskedLmLoss.Sums sums = MaskedLmLoss.apply(logits, predictions.labels(), predictions.weights(), true,
                    denominator);
            INDArray d = head.backward(logits);                       // [Q, H], then [T, H] below the last layer
            for (int i = encoder.size() - 1; i >= 0; i--) {
                d = encoder.get(i).backward(d);
            }
            embedding.backward(d);
            return sums;
        }

        MaskedLmLoss.Sums loss(INDArray encoded, MaskedPredictions predictions, boolean gradient, double denominator) {
            if (predictions.rows().length == 0) {
                return new MaskedLmLoss.Sums(0, 0, predictions.weightSum());
            }
            return MaskedLmLoss.apply(logitsAt(encoded, predictions), predictions.labels(), predictions.weights(),
                    gradient, denominator);
        }

        /** The output head at the predicted rows of {@code encoded} [Q, H] → logits [M, V]. */
        private INDArray logitsAt(INDArray encoded, MaskedPredictions predictions) {
            head.hidden(encoded, predictions.rows());
            return head.logits();
        }
    }
}
