package io.ionflow.analyze.transport;

import io.ionflow.analyze.DriftReference;
import io.ionflow.simulate.archive.ShardFile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Frames 0 and T−1 of one run: species of every atom and the drift reference species. */
final class EndFrames {
    String problem;
    int problemFrame = -1;
    int[] speciesOfAtom;
    /** The drift reference ({@link DriftReference}: the one rule of every path). */
    DriftReference.Choice drift;
    boolean noVelocities;
    String[] species;

    /** @return atoms of each species in frame 0 */
    static int[] atomsPerSpecies(int[] speciesOfAtom, int nSpecies) {
        int[] n = new int[nSpecies];
        for (int a : speciesOfAtom) {
            n[a]++;
        }
        return n;
    }

    /** @return per species: part of the drift reference */
    boolean[] inReference() {
        boolean[] in = new boolean[species.length];
        for (int s = 0; s < in.length; s++) {
            in[s] = drift.includes(s);
        }
        return in;
    }

    /** @return atoms in the drift reference */
    int referenceAtoms() {
        int n = 0;
        for (int a : speciesOfAtom) {
            n += drift.includes(a) ? 1 : 0;
        }
        return n;
    }

    /**
     * One row of frame 0 or T−1 as the shard holds it (null: the value is null).
     *
     * @param xyz the three positions
     */
    record EndRow(int frame, Integer atom, String species, Float[] xyz, Float vx) {}

    /**
     * @param rows rows of frames 0 and T−1, any order
     */
    static EndFrames of(String runId, String[] species, int nAtoms, int nFrames, double[] masses, List<EndRow> rows,
                        String frameworkOption, DriftReference.Mode mode, Method kind) {
        EndFrames e = new EndFrames();
        e.species = species;
        int n = nAtoms;
        Map<String, Integer> sid = ShardFile.speciesIds(List.of(species));
        int[][] sp = new int[2][n];
        double[][][] pos = new double[2][n][3];
        int[] count = new int[2];
        int velocities = 0;
        for (int[] a : sp) {
            Arrays.fill(a, -1);
        }
        for (EndRow r : rows) {
            if (e.addRow(r, n, sid, sp, pos, count, kind)) {
                return e;
            }
            if (r.atom() != null && r.frame() == 0 && r.vx() != null) {
                velocities++;
            }
        }
        if (e.incomplete(runId, nFrames, n, count, sp)) {
            return e;
        }
        e.speciesOfAtom = sp[0];
        e.noVelocities = velocities == 0;
        try {
            e.drift = DriftReference.choose(mode, frameworkOption, e.species, masses,
                    atomsPerSpecies(e.speciesOfAtom, e.species.length), DriftReference.msdFirstLast(e.speciesOfAtom,
                            e.species.length, masses, pos[0], pos[1]));
        } catch (IllegalArgumentException x) {
            return e.fail(x.getMessage(), -1);
        }
        return e;
    }

    /** Adds one row of frame 0 or T−1; true (this failed) when the row shows a problem. */
    private boolean addRow(EndRow r, int n, Map<String, Integer> sid, int[][] sp, double[][][] pos, int[] count,
                           Method kind) {
        if (r.atom() == null) {
            return false; // counted as missing below; the frame checks name the row
        }
        int frame = r.frame();
        int f = frame == 0 ? 0 : 1;
        int atom = r.atom();
        if (atom < 0 || atom >= n) {
            return failed("frame " + frame + ": atom id " + atom + " is outside 0.." + (n - 1) + " (n_atoms = " + n + ")",
                    frame);
        }
        if (sp[f][atom] >= 0) {
            return failed("frame " + frame + ": atom " + atom + " appears twice", frame);
        }
        String name = r.species();
        Integer s = name == null ? null : sid.get(name);
        if (s == null) {
            return failed("frame " + frame + ", atom " + atom + ": species " + (name == null ? "null" : "'" + name + "'")
                    + " is not among the run's species " + Arrays.toString(species), frame);
        }
        sp[f][atom] = s;
        count[f]++;
        for (int c = 0; c < 3; c++) {
            Float v = r.xyz()[c];
            if (v == null || !Float.isFinite(v)) {
                if (kind == Method.MSD) {
                    return failed("frame " + frame + ", atom " + atom + ": " + "xyz".charAt(c) + " is " + v, frame);
                }
                pos[f][atom][c] = Double.NaN;
            } else {
                pos[f][atom][c] = v;
            }
        }
        return false;
    }

    private boolean failed(String message, int frame) {
        fail(message, frame);
        return true;
    }

    /** Fails (and returns true) unless frames 0 and T−1 each list every atom once, with the same species. */
    private boolean incomplete(String runId, int nFrames, int n, int[] count, int[][] sp) {
        int last = nFrames - 1;
        for (int f = 0; f < 2; f++) {
            int frame = f == 0 ? 0 : last;
            if (count[f] == 0) {
                fail(frame == 0 ? "no frames found (frames/run_id=" + runId + "/ is missing or empty)"
                        : "frame " + frame + " (the last, n_frames = " + nFrames + ") is missing", frame);
                return true;
            }
            if (count[f] != n) {
                fail("frame " + frame + " has " + count[f] + " atoms, the runs row says n_atoms = " + n, frame);
                return true;
            }
        }
        for (int a = 0; a < n; a++) {
            if (sp[1][a] != sp[0][a]) {
                fail("atom " + a + " is " + species[sp[0][a]] + " in frame 0 but " + species[sp[1][a]] + " in frame " + last,
                        last);
                return true;
            }
        }
        return false;
    }

    private EndFrames fail(String message, int frame) {
        problem = message;
        problemFrame = frame;
        return this;
    }
}
