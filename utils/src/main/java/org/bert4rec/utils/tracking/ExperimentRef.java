package org.bert4rec.utils.tracking;

/**
 * An experiment in a tracking store.
 *
 * @param id   the store's id ("0" for Default)
 * @param name the experiment's unique name
 */
public record ExperimentRef(String id, String name) {
}
