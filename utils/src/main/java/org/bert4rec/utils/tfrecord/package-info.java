/**
 * TFRecord framing (FORMATS.md section 1): {@code uint64 length}, masked CRC32C of the length, the data, masked
 * CRC32C of the data, all little-endian. The same framing carries the data stages' tf.train.Example records and
 * TensorBoard's event files, so it lives here once. Readers verify both checksums and name the file and the record
 * index when one fails, because a silently corrupted training record is far harder to find later.
 */
package org.bert4rec.utils.tfrecord;
