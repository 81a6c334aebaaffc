/**
 * Infrastructure shared by every module: errors that reach the user, atomic file output, the project folder
 * layout, binary formats (TFRecord, tf.train.Example, TensorBoard events, Python pickles) and experiment tracking.
 * Nothing here knows about the model or the stages.
 */
package org.bert4rec.utils;
