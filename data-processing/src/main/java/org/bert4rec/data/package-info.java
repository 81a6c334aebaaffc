/**
 * BERT4Rec data preparation shared by every stage: the masked-LM instance and its tf.train.Example codec, the item
 * vocabulary (the original FreqVocab), the user dictionary, the data config, and the training stream the trainer
 * reads. The stages themselves live in {@code raw}, {@code all} and {@code demo}.
 */
package org.bert4rec.data;
