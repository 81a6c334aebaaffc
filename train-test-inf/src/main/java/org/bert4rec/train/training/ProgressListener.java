package org.bert4rec.train.training;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on the terminal: step, loss, accuracy, learning rate, sequences/s and the estimated time left.
 * Redrawn in place on a terminal ({@code \r}); printed as plain lines every {@code every} steps otherwise.
 */
public final class ProgressListener implements TrainingListener {
    private static final double SMOOTHING = 0.1;
    private final PrintWriter out;
    private final int every;
    private final boolean inPlace;
    private double emaSecondsPerStep;
    private double emaLoss;

    public ProgressListener(PrintWriter out, int every, boolean inPlace) {
        this.out = out;
        this.every = Math.max(1, every);
        this.inPlace = inPlace;
    }

    @Override
    public void onStart(TrainingState state) {
        out.printf(Locale.ROOT, "training from step %d to %d%n", state.startStep(), state.numTrainSteps());
        out.flush();
    }

    @Override
    public void onStep(TrainingState state, StepEvent e) {
        boolean first = emaSecondsPerStep == 0;
        emaSecondsPerStep = first ? e.stepSeconds() : (1 - SMOOTHING) * emaSecondsPerStep + SMOOTHING * e.stepSeconds();
        emaLoss = first ? e.loss() : (1 - SMOOTHING) * emaLoss + SMOOTHING * e.loss();
        if (e.step() % every != 0 && e.step() != state.numTrainSteps()) {
            return;
        }
        long left = state.numTrainSteps() - e.step();
        String line = String.format(Locale.ROOT,
                "step %d/%d  loss %.4f  acc %.4f  lr %.3g  %.1f seq/s  ETA %s",
                e.step(), state.numTrainSteps(), emaLoss, e.accuracy(), e.learningRate(),
                e.sequences() / emaSecondsPerStep, formatDuration(left * emaSecondsPerStep));
        if (inPlace) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEnd(TrainingState state, StepEvent lastEvent) {
        if (inPlace) {
            out.println();
        }
        out.printf(Locale.ROOT, "training %s at step %d after %s%n",
                state.stoppedEarly() ? "stopped" : "finished", state.step(),
                formatDuration(state.trainingSeconds()));
        out.flush();
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
