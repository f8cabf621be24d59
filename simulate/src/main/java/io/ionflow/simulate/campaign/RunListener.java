package io.ionflow.simulate.campaign;

/** Receives progress of runs; implementations must be thread-safe (runs proceed side by side). */
public interface RunListener {
    /** @param phase "equilibrate" or "production"; steps are MD steps of that phase */
    void progress(String runId, String phase, long stepsDone, long stepsTotal, int atoms);

    void finished(String runId, RunResult result);

    RunListener NONE = new RunListener() {
        @Override public void progress(String runId, String phase, long stepsDone, long stepsTotal, int atoms) {}
        @Override public void finished(String runId, RunResult result) {}
    };
}
