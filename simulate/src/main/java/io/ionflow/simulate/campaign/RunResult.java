package io.ionflow.simulate.campaign;

/**
 * Outcome of one run.
 *
 * @param status          done, skipped (already complete in the archive) or failed
 * @param message         a one-line description (the error for failed runs)
 * @param meanTemperatureK mean production temperature, K (NaN if not run here)
 * @param latticeA        production lattice constant (cube root of V per conventional cell), Å
 */
public record RunResult(String runId, Status status, String message, int atoms, int anionVacancies,
                        double meanTemperatureK, double latticeA, double seconds) implements java.io.Serializable {
    public enum Status { DONE, SKIPPED, FAILED }
}
