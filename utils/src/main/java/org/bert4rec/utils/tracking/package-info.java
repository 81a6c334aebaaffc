/**
 * Experiment tracking: every stage is one MLflow run. {@link org.bert4rec.utils.tracking.Tracker} is what stages
 * see; {@link org.bert4rec.utils.tracking.TrackerFactory} (called only by the launcher) opens a run in the local
 * MLflow file store ({@code ./mlruns}, FORMATS.md §4) or on an MLflow server (REST API, §5, with artifacts through
 * the server's proxy or straight to S3), falling back to the local store when the server cannot be reached.
 * {@link org.bert4rec.utils.tracking.ExperimentMaker} is the seed's make_exp.py.
 */
package org.bert4rec.utils.tracking;
