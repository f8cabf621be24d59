package io.ionflow.jobs.transport;

import io.ionflow.jobs.transport.TransportJob.Kind;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Frames 0 and T−1 of one run: species of every atom and the drift reference species. */
final class EndFrames implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    String problem;
    int problemFrame = -1;
    int[] speciesOfAtom;
    int framework = -1;
    boolean noVelocities;
    String how;
    double[] msdFirstLast;
    String[] species;

    int atomsOf(int s) {
        int n = 0;
        for (int a : speciesOfAtom) {
            if (a == s) {
                n++;
            }
        }
        return n;
    }

    String describe() {
        StringBuilder b = new StringBuilder(species[framework]).append(" (").append(how);
        if (msdFirstLast != null) {
            b.append("; first-to-last-frame <dr^2> relative to the centre of mass:");
            for (int s = 0; s < species.length; s++) {
                if (!Double.isNaN(msdFirstLast[s])) {
                    b.append(String.format(Locale.ROOT, " %s %.3g A^2", species[s], msdFirstLast[s]));
                }
            }
        }
        return b.append(')').toString();
    }

    static EndFrames of(RunInfo run, List<Row> rows, String frameworkOption, Kind kind) {
        return of(run.runId(), run.species(), run.nAtoms(), run.nFrames(), run.masses(), rows, frameworkOption, kind);
    }

    /**
     * @param rows rows of frames 0 and T−1: (run_id, frame, atom, species, c0, c1, c2, vx), any order
     */
    static EndFrames of(String runId, String[] species, int nAtoms, int nFrames, double[] masses, List<Row> rows,
                        String frameworkOption, Kind kind) {
        EndFrames e = new EndFrames();
        e.species = species;
        int n = nAtoms;
        int last = nFrames - 1;
        Map<String, Integer> sid = new HashMap<>();
        for (int s = 0; s < e.species.length; s++) {
            sid.put(e.species[s], s);
        }
        int[][] sp = new int[2][n];
        double[][][] pos = new double[2][n][3];
        int[] count = new int[2];
        int velocities = 0;
        for (int[] a : sp) {
            Arrays.fill(a, -1);
        }
        for (Row r : rows) {
            if (r.isNullAt(1) || r.isNullAt(2)) {
                continue; // counted as missing below; the frame checks name the row
            }
            int f = r.getInt(1) == 0 ? 0 : 1;
            int frame = r.getInt(1);
            int atom = r.getInt(2);
            if (atom < 0 || atom >= n) {
                return e.fail("frame " + frame + ": atom id " + atom + " is outside 0.." + (n - 1) + " (n_atoms = " + n + ")",
                        frame);
            }
            if (sp[f][atom] >= 0) {
                return e.fail("frame " + frame + ": atom " + atom + " appears twice", frame);
            }
            String name = r.isNullAt(3) ? null : r.getString(3);
            Integer s = name == null ? null : sid.get(name);
            if (s == null) {
                return e.fail("frame " + frame + ", atom " + atom + ": species " + (name == null ? "null" : "'" + name + "'")
                        + " is not among the run's species " + Arrays.toString(e.species), frame);
            }
            sp[f][atom] = s;
            count[f]++;
            for (int c = 0; c < 3; c++) {
                if (r.isNullAt(4 + c) || !Float.isFinite(r.getFloat(4 + c))) {
                    if (kind == Kind.MSD) {
                        return e.fail("frame " + frame + ", atom " + atom + ": " + "xyz".charAt(c) + " is "
                                + (r.isNullAt(4 + c) ? "null" : r.getFloat(4 + c)), frame);
                    }
                    pos[f][atom][c] = Double.NaN;
                } else {
                    pos[f][atom][c] = r.getFloat(4 + c);
                }
            }
            if (f == 0 && !r.isNullAt(7)) {
                velocities++;
            }
        }
        for (int f = 0; f < 2; f++) {
            int frame = f == 0 ? 0 : last;
            if (count[f] == 0) {
                return e.fail(frame == 0 ? "no frames found (frames/run_id=" + runId + "/ is missing or empty)"
                        : "frame " + frame + " (the last, n_frames = " + nFrames + ") is missing", frame);
            }
            if (count[f] != n) {
                return e.fail("frame " + frame + " has " + count[f] + " atoms, the runs row says n_atoms = " + n, frame);
            }
        }
        for (int a = 0; a < n; a++) {
            if (sp[1][a] != sp[0][a]) {
                return e.fail("atom " + a + " is " + e.species[sp[0][a]] + " in frame 0 but " + e.species[sp[1][a]]
                        + " in frame " + last, last);
            }
        }
        e.speciesOfAtom = sp[0];
        e.noVelocities = velocities == 0;
        if (frameworkOption != null) {
            Integer s = sid.get(frameworkOption);
            if (s == null) {
                return e.fail("--framework " + frameworkOption + " is not among the run's species "
                        + Arrays.toString(e.species), -1);
            }
            if (e.atomsOf(s) == 0) {
                return e.fail("--framework " + frameworkOption + ": the run has no atoms of that species", -1);
            }
            e.framework = s;
            e.how = "given by --framework";
            return e;
        }
        double mTot = 0;
        double[] com = new double[3];
        for (int a = 0; a < n; a++) {
            double m = masses[e.speciesOfAtom[a]];
            mTot += m;
            for (int c = 0; c < 3; c++) {
                com[c] += m * (pos[1][a][c] - pos[0][a][c]);
            }
        }
        double[] sum = new double[e.species.length];
        int[] cnt = new int[e.species.length];
        for (int a = 0; a < n; a++) {
            double d2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = pos[1][a][c] - pos[0][a][c] - com[c] / mTot;
                d2 += d * d;
            }
            sum[e.speciesOfAtom[a]] += d2;
            cnt[e.speciesOfAtom[a]]++;
        }
        e.msdFirstLast = new double[e.species.length];
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < sum.length; s++) {
            e.msdFirstLast[s] = cnt[s] == 0 ? Double.NaN : sum[s] / cnt[s];
            if (cnt[s] > 0 && e.msdFirstLast[s] < best) {
                best = e.msdFirstLast[s];
                e.framework = s;
            }
        }
        if (e.framework < 0) {
            return e.fail("cannot choose a drift reference: positions of frame 0 or " + last + " are not finite; give"
                    + " --framework", -1);
        }
        e.how = "least mobile";
        return e;
    }

    private EndFrames fail(String message, int frame) {
        problem = message;
        problemFrame = frame;
        return this;
    }
}
