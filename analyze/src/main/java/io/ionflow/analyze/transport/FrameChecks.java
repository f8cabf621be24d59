package io.ionflow.analyze.transport;

import io.ionflow.analyze.DriftReference;
import io.ionflow.analyze.TimeGrid;

import java.util.Locale;

/** Driver-side checks of one run's per-frame aggregate, and its reference series. */
final class FrameChecks {
    String problem;
    String skip;
    int problemFrame = -1;
    int badAtomFrame = -1;
    long badCount;
    /** Frames around a gap (−1 = none), to name the shards between which frames are missing. */
    int[] neighbours;
    double dtPs;
    double[][] reference;

    /** The checks of a run from its shape (atoms, frames, frame interval) and its per-frame aggregate. */
    static FrameChecks of(int nAtoms, int nFrames, double frameIntervalPs, Method kind, FrameStats s, int nFramework,
                          DriftReference.Choice drift, int[] atomsPerSpecies) {
        FrameChecks c = new FrameChecks();
        int t = nFrames;
        if (s.outOfRange > 0) {
            return c.fail(s.outOfRange + " row(s) with " + (s.exampleFrame == null ? "a null frame number" : "frame "
                    + s.exampleFrame + ", outside 0.." + (t - 1) + " (the runs row says n_frames = " + t + ")"),
                    s.exampleFrame == null ? -1 : s.exampleFrame);
        }
        long vnull = 0;
        for (int f = 0; f < t; f++) {
            if (s.rows[f] == 0) {
                int g = f;
                while (g + 1 < t && s.rows[g + 1] == 0) {
                    g++;
                }
                c.neighbours = new int[] {f - 1, g + 1 < t ? g + 1 : -1};
                return c.fail((g == f ? "frame " + f + " is" : "frames " + f + ".." + g + " are") + " missing (frames 0.."
                        + (t - 1) + " expected)", -1);
            }
            vnull += s.vnull[f];
        }
        if (kind == Method.VACF && vnull == (long) t * nAtoms) {
            c.skip = "no velocities (vx, vy, vz are null), skipped by vacf";
            return c;
        }
        double[] times = c.perFrame(s, t, nAtoms, nFramework, kind);
        if (c.problem != null) {
            return c;
        }
        try {
            c.dtPs = TimeGrid.uniformStep(times, "time_ps");
        } catch (TimeGrid.IrregularGrid e) {
            return c.fail(e.getMessage(), e.frame());
        }
        double interval = frameIntervalPs;
        if (Math.abs(c.dtPs - interval) > TimeGrid.RELATIVE_TOLERANCE * interval) {
            return c.fail(String.format(Locale.ROOT, "time_ps advances by %.9g ps per frame but the runs row says"
                    + " frame_interval_ps = %.9g", c.dtPs, interval), -1);
        }
        c.reference = reference(s, drift, atomsPerSpecies, t);
        if (kind == Method.MSD) {
            for (int k = 0; k < 3; k++) {
                double r0 = c.reference[k][0];
                for (int f = 0; f < t; f++) {
                    c.reference[k][f] -= r0;
                }
            }
        }
        return c;
    }

    /** The checks of each frame in order (rows, invalid rows, nulls, one time, framework atoms); its times. */
    private double[] perFrame(FrameStats s, int t, int nAtoms, int nFramework, Method kind) {
        FrameChecks c = this;
        double[] times = new double[t];
        for (int f = 0; f < t; f++) {
            if (s.bad[f] > 0) {
                c.badAtomFrame = f;
                c.badCount = s.bad[f];
                return c.failed(times, "frame " + f + ": " + s.bad[f] + " invalid row(s) (atom id, species, time or "
                        + kind.columns() + ")", f);
            }
            if (s.rows[f] != nAtoms) {
                return c.failed(times, "frame " + f + " has " + s.rows[f] + " rows, expected n_atoms = " + nAtoms, f);
            }
            if (s.vnull[f] > 0) {
                return c.failed(times, "frame " + f + ": " + kind.columns() + " null for " + s.vnull[f] + " of " + s.rows[f]
                        + " atoms", f);
            }
            if (s.tmin[f] != s.tmax[f]) {
                return c.failed(times, "frame " + f + " has more than one time_ps (" + s.tmin[f] + " and " + s.tmax[f] + " ps)", f);
            }
            if (s.nfw[f] != nFramework) {
                return c.failed(times, "frame " + f + " has " + s.nfw[f] + " framework atoms, frame 0 has " + nFramework, f);
            }
            times[f] = s.tmin[f];
        }
        return times;
    }

    private double[] failed(double[] times, String message, int frame) {
        fail(message, frame);
        return times;
    }

    /** The drift reference per component and frame from the exact per-species sums ({@link DriftReference#combine}). */
    private static double[][] reference(FrameStats s, DriftReference.Choice drift, int[] atomsPerSpecies, int t) {
        double[][] reference = new double[3][];
        int ns = atomsPerSpecies.length;
        for (int k = 0; k < 3; k++) {
            double[][] perSpecies = new double[ns][];
            for (int sp = 0; sp < ns; sp++) {
                if (drift.includes(sp)) {
                    long[] hi = s.sums[6 * sp + 2 * k];
                    long[] lo = s.sums[6 * sp + 2 * k + 1];
                    perSpecies[sp] = new double[t];
                    for (int f = 0; f < t; f++) {
                        perSpecies[sp][f] = hi[f] / FrameStats.HI_SCALE + lo[f] / FrameStats.LO_SCALE;
                    }
                }
            }
            reference[k] = DriftReference.combine(drift, perSpecies, atomsPerSpecies, t);
        }
        return reference;
    }

    private FrameChecks fail(String message, int frame) {
        problem = message;
        problemFrame = frame;
        return this;
    }
}
