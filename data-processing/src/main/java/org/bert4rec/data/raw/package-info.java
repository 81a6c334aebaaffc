/**
 * The {@code raw} stage (the seed's data_processing_raw_&lt;task&gt;): reads the external table of user chains
 * (pandas pickle, CSV/TSV, JSON Lines, or an event log), encodes users, collapses consecutive repeats, drops chains
 * too short for the task, and writes {@code data/interim/<p>_<task>.txt} as lines {@code <uid> <item>}.
 */
package org.bert4rec.data.raw;
