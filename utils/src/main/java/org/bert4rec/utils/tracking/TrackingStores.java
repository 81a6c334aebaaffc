package org.bert4rec.utils.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bert4rec.utils.UserInputException;

/**
 * Chooses the store from the settings, and falls back to the local file store when the server cannot be used, with
 * one warning line: tracking never costs the user their work.
 */
final class TrackingStores {
    private TrackingStores() {
    }

    /**
     * Runs {@code action} against the configured store; when that is a server and it is unreachable or fails,
     * warns once and runs {@code action} against the local file store instead.
     */
    static <T> T withFallback(TrackingSettings settings, Path root, Clock clock, Consumer<String> warn,
                              Function<TrackingStore, T> action) {
        FileTrackingStore local = new FileTrackingStore(settings.localStore(root), clock);
        if (!settings.isRemote()) {
            return action.apply(local);
        }
        String uri = settings.trackingUri().orElseThrow();
        Optional<String> unreachable = ServerProbe.unreachableReason(uri);
        if (unreachable.isPresent()) {
            warn.accept(fallbackMessage(uri, unreachable.get(), local));
            return action.apply(local);
        }
        RestTrackingStore remote = new RestTrackingStore(settings);
        try {
            return action.apply(remote);
        } catch (TrackingException e) {
            remote.close();
            warn.accept(fallbackMessage(uri, e.getMessage(), local));
            return action.apply(local);
        }
    }

    /**
     * The experiment with this name, created when missing. A deleted one is refused, as MLflow refuses to make it
     * active.
     */
    static ExperimentRef experiment(TrackingStore store, String name) {
        Optional<TrackingStore.ExperimentState> found = store.findExperiment(name);
        if (found.isPresent()) {
            if (found.get().deleted()) {
                throw new UserInputException("MLflow experiment '" + name + "' in " + store.describe() + " is deleted;"
                        + " restore it (mlflow experiments restore --experiment-id " + found.get().ref().id()
                        + ") or run make-exp to start a new one");
            }
            return found.get().ref();
        }
        return store.createExperiment(name);
    }

    private static String fallbackMessage(String uri, String reason, FileTrackingStore local) {
        return "MLflow server " + uri + " is not usable (" + reason + "); tracking to the local store "
                + local.describe() + " instead";
    }
}
