/**
 * TensorBoard event files (FORMATS.md §3), so that {@code tensorboard --logdir projects/<p>/models} shows the
 * training curves without TensorFlow.
 */
package org.bert4rec.utils.tensorboard;
