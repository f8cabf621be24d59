package io.ionflow.analyze.transport;

import java.io.Serializable;
import java.util.List;

/**
 * What one {@link RunTask} found: either the partial sums of its atoms, per accumulation block and species, or why
 * the run fails or is skipped (the same for every task of the run, since each task reads and checks the whole run).
 *
 * @param dtPs            the frame step found in the frames, ps
 * @param drift           the drift reference, for the notes and the driver's line
 * @param atomsPerSpecies atoms of each species in frame 0
 * @param complete        per species, this block's atoms with a complete series
 * @param partials        in (block, species) order; the task holding atom 0 folds its blocks into one per species
 */
public record TaskOutcome(int ridx, String runId, int task, Status status, String message, double dtPs, String drift,
                   int[] atomsPerSpecies, int[] complete, List<Partial> partials) implements Serializable {

    public enum Status { OK, FAILED, SKIPPED }

    /** One accumulation block's sums of one species ({@code MsdSums} / {@code VacfSums}, packed). */
    record Partial(int species, int block, int atoms, double[] first, double[] second) implements Serializable {}

    static TaskOutcome failed(RunTask t, String message) {
        return without(t, Status.FAILED, message);
    }

    static TaskOutcome skipped(RunTask t, String message) {
        return without(t, Status.SKIPPED, message);
    }

    private static TaskOutcome without(RunTask t, Status status, String message) {
        return new TaskOutcome(t.ridx(), t.runId(), t.task(), status, message, Double.NaN, null, null, null, List.of());
    }
}
