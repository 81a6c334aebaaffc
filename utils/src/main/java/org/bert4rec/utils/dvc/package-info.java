/**
 * The DVC pipeline ({@code dvc.yaml}) of the seed's workflow: a typed model of its stages (command, deps, outs,
 * metrics), read and written as DVC 3 reads it (FORMATS.md §6), and the seed's {@code config/dvc_template.yaml}
 * rendered for one project. DVC itself is not needed to read, check or order the stages.
 */
package org.bert4rec.utils.dvc;
