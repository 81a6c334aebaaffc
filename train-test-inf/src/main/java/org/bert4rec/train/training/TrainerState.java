package org.bert4rec.train.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a checkpoint stores beside the model so that a resumed run continues as if never stopped: where the
 * training stream was and how long training had taken.
 *
 * @param step              the model's optimizer step at the checkpoint
 * @param instancesConsumed training instances read so far (the stream skips this many on resume)
 * @param trainingSeconds   training wall time so far
 */
public record TrainerState(
        @JsonProperty("step") long step,
        @JsonProperty("instances_consumed") long instancesConsumed,
        @JsonProperty("training_seconds") double trainingSeconds) {
}
