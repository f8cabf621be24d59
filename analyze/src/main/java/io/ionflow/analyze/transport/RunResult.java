package io.ionflow.analyze.transport;

import io.ionflow.analyze.TransportEstimate;

import java.io.Serializable;
import java.util.List;

/**
 * One run's result: per species the curve (MSD total, x, y, z; or VACF raw, normalised, running Green–Kubo
 * integral) on its lag grid, D with its error and window, and for the VACF the partial and total VDOS — or why the
 * run failed or was skipped.
 *
 * @param vdosFreqThz frequencies of the VDOS (VACF only; null when none)
 * @param vdosTotal   total VDOS, 1/THz
 */
public record RunResult(String runId, int ridx, TaskOutcome.Status status, String message, String drift,
                 List<SpeciesResult> species, double[] vdosFreqThz, double[] vdosTotal) implements Serializable {

    /**
     * @param curves   the curves on {@code lagPs} (null when the species has no atoms)
     * @param vdos     the species' partial VDOS (VACF), or null
     */
    public record SpeciesResult(String species, int atoms, double[] lagPs, double[][] curves, double[] vdos,
                         TransportEstimate estimate, String note) implements Serializable {
        static SpeciesResult empty(String species) {
            return new SpeciesResult(species, 0, null, null, null, null, "no atoms of this species");
        }

        public double d() {
            return estimate == null ? Double.NaN : estimate.dCm2PerS();
        }

        public double err() {
            return estimate == null ? Double.NaN : estimate.errCm2PerS();
        }

        public double start() {
            return estimate == null ? Double.NaN : estimate.startPs();
        }

        public double end() {
            return estimate == null ? Double.NaN : estimate.endPs();
        }

        public Boolean diffusive() {
            return estimate == null ? null : estimate.diffusive();
        }
    }

    static RunResult notDone(RunMeta run, TaskOutcome.Status status, String message, String drift) {
        return new RunResult(run.runId(), run.ridx(), status, message, drift, List.of(), null, null);
    }

    public boolean ok() {
        return status == TaskOutcome.Status.OK;
    }

    /** The same result without its curves (what the driver collects). */
    public RunResult summary() {
        List<SpeciesResult> small = species.stream().map(s -> new SpeciesResult(s.species, s.atoms, null, null, null,
                s.estimate, s.note)).toList();
        return new RunResult(runId, ridx, status, message, drift, small, null, null);
    }
}
