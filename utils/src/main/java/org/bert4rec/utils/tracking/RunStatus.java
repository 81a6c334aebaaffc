package org.bert4rec.utils.tracking;

/** An MLflow run's status, with the integer the file store writes into meta.yaml (MLflow's RunStatus proto). */
public enum RunStatus {
    RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    /** The value of {@code status} in a run's meta.yaml. */
    public int code() {
        return code;
    }

    /** The status with this meta.yaml code. */
    public static RunStatus ofCode(int code) {
        for (RunStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no MLflow run status has code " + code);
    }
}
