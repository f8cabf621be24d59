package io.ionflow.jobs.msd;

import io.ionflow.jobs.archive.ShardFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The rows of one run as a task reads them, shard after shard: every row is checked and counted per frame
 * ({@link FrameStats}: rows, invalid rows, times, velocity nulls, the drift reference's exact coordinate sums), and
 * the values of the task's atoms are kept, frame-major, for the kernel. The task remembers which files hold each
 * frame and, per frame, what is wrong with its invalid row of the smallest atom id, so that every message names
 * the file it comes from without asking anyone.
 *
 * <p>Memory: 12 bytes per atom-frame of the block (+1 bit), plus O(frames × species) for the statistics.
 */
final class RunFrames {
    final FrameStats stats;
    /** Values of the block's atoms, index frame × blockAtoms + (atom − atomFrom). */
    final float[] a;
    final float[] b;
    final float[] c;
    private final long[] seen;
    /** Rows of the block's atoms placed per frame. */
    private final int[] placed;
    int dupAtom = -1;
    int dupFrame = -1;

    private final RunTask task;
    private final EndFrames ends;
    private final boolean[] inReference;
    private final int[] fileA;
    private final int[] fileB;
    private final String[] badRow;
    private final List<String> files = new ArrayList<>();

    RunFrames(RunTask task, EndFrames ends) {
        this.task = task;
        this.ends = ends;
        int t = task.nFrames();
        long cells = (long) t * task.blockAtoms();
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a task block of " + cells + " atom-frames is too large");
        }
        stats = new FrameStats(task.ridx(), 0, t, task.species().length);
        a = new float[(int) cells];
        b = new float[(int) cells];
        c = new float[(int) cells];
        seen = new long[(int) ((cells + 63) / 64)];
        placed = new int[t];
        inReference = ends.inReference();
        fileA = new int[t];
        fileB = new int[t];
        Arrays.fill(fileA, -1);
        Arrays.fill(fileB, -1);
        badRow = new String[t];
    }

    /** Adds the rows of one row group of file {@code file}. */
    void accept(ShardFile.Columns col, String file) {
        int fi = files.indexOf(file);
        if (fi < 0) {
            files.add(file);
            fi = files.size() - 1;
        }
        boolean velocities = task.kind() == MsdJob.Kind.VACF;
        if (col.frameNull == null && col.atomNull == null && col.timeNull == null && col.valueNull[0] == null
                && col.valueNull[1] == null && col.valueNull[2] == null) {
            cleanRows(col, fi, velocities);
            return;
        }
        for (int i = 0; i < col.rows; i++) {
            row(col, i, fi, velocities);
        }
    }

    /**
     * A row group without nulls (how MD writes them): the same checks and counts as {@link #row}, with the common
     * case — frame in range, known atom of frame 0's species, finite time and values — in one tight loop; any other
     * row goes through {@link #row}.
     */
    private void cleanRows(ShardFile.Columns col, int fi, boolean velocities) {
        int[] frame = col.frame;
        int[] atom = col.atom;
        int[] species = col.species;
        double[] time = col.time;
        float[] xa = col.values[0];
        float[] xb = col.values[1];
        float[] xc = col.values[2];
        int[] speciesOfAtom = ends.speciesOfAtom;
        int nFrames = task.nFrames();
        int nAtoms = task.nAtoms();
        long[] rows = stats.rows;
        double[] tmin = stats.tmin;
        double[] tmax = stats.tmax;
        int lastFrame = -1;
        for (int i = 0; i < col.rows; i++) {
            int f = frame[i];
            int a = atom[i];
            double t = time[i];
            float va = xa[i];
            float vb = xb[i];
            float vc = xc[i];
            if (f < 0 || f >= nFrames || a < 0 || a >= nAtoms || species[i] != speciesOfAtom[a] || !Double.isFinite(t)
                    || !Float.isFinite(va) || !Float.isFinite(vb) || !Float.isFinite(vc)) {
                row(col, i, fi, velocities);
                continue;
            }
            rows[f]++;
            if (f != lastFrame) {
                noteFile(f, fi);
                lastFrame = f;
            }
            if (t < tmin[f]) {
                tmin[f] = t;
            }
            if (t > tmax[f]) {
                tmax[f] = t;
            }
            place(a, f, va, vb, vc);
        }
    }

    private void row(ShardFile.Columns col, int i, int fi, boolean velocities) {
        FrameStats fs = stats;
        int f = col.frame[i];
        if (isNull(col.frameNull, i) || f < 0 || f >= task.nFrames()) {
            fs.outOfRange++;
            if (fs.exampleFrame == null && !isNull(col.frameNull, i)) {
                fs.exampleFrame = f;
            }
            return;
        }
        fs.rows[f]++;
        noteFile(f, fi);
        int atom = isNull(col.atomNull, i) ? Integer.MIN_VALUE : col.atom[i];
        boolean bad = atom < 0 || atom >= task.nAtoms() || col.species[i] != ends.speciesOfAtom[atom];
        double time = isNull(col.timeNull, i) ? Double.NaN : col.time[i];
        if (!Double.isFinite(time)) {
            bad = true;
        } else {
            fs.tmin[f] = Math.min(fs.tmin[f], time);
            fs.tmax[f] = Math.max(fs.tmax[f], time);
        }
        boolean n0 = isNull(col.valueNull[0], i);
        boolean n1 = isNull(col.valueNull[1], i);
        boolean n2 = isNull(col.valueNull[2], i);
        float va = col.values[0][i];
        float vb = col.values[1][i];
        float vc = col.values[2][i];
        if (n0 && n1 && n2 && velocities) {
            if (!bad) {
                fs.vnull[f]++;
                return;
            }
        } else if (n0 || n1 || n2 || !Float.isFinite(va) || !Float.isFinite(vb) || !Float.isFinite(vc)) {
            bad = true;
        }
        if (bad) {
            fs.bad[f]++;
            if (atom < fs.badAtom[f] || badRow[f] == null) {
                fs.badAtom[f] = Math.min(fs.badAtom[f], atom);
                badRow[f] = BadRow.describe(col, i, task, ends, files.get(fi));
            }
            return;
        }
        place(atom, f, va, vb, vc);
    }

    private void place(int atom, int f, float va, float vb, float vc) {
        int s = ends.speciesOfAtom[atom];
        if (inReference[s]) {
            FrameStats fs = stats;
            fs.nfw[f]++;
            FrameStats.addExact(fs.sums[6 * s], fs.sums[6 * s + 1], f, va);
            FrameStats.addExact(fs.sums[6 * s + 2], fs.sums[6 * s + 3], f, vb);
            FrameStats.addExact(fs.sums[6 * s + 4], fs.sums[6 * s + 5], f, vc);
        }
        if (atom < task.atomFrom() || atom >= task.atomTo()) {
            return;
        }
        int k = f * task.blockAtoms() + atom - task.atomFrom();
        long bit = 1L << k;
        if ((seen[k >>> 6] & bit) != 0) {
            if (dupAtom < 0) {
                dupAtom = atom;
                dupFrame = f;
            }
            return;
        }
        seen[k >>> 6] |= bit;
        placed[f]++;
        a[k] = va;
        b[k] = vb;
        c[k] = vc;
    }

    /**
     * Whether every atom of the block has a row in every frame: with no duplicate in the block ({@link #dupAtom}),
     * that is exactly one placed row per atom and frame.
     */
    boolean blockComplete() {
        int m = task.blockAtoms();
        for (int p : placed) {
            if (p != m) {
                return false;
            }
        }
        return true;
    }

    /** The block's first atom (0-based in the block) without a row in some frame, or −1. */
    int firstIncomplete() {
        int m = task.blockAtoms();
        for (int j = 0; j < m; j++) {
            for (int f = 0, k = j; f < task.nFrames(); f++, k += m) {
                if ((seen[k >>> 6] & (1L << k)) == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean isNull(boolean[] flags, int i) {
        return flags != null && flags[i];
    }

    private void noteFile(int f, int fi) {
        if (fileA[f] < 0) {
            fileA[f] = fi;
        } else if (fileA[f] != fi && fileB[f] < 0) {
            fileB[f] = fi;
        }
    }

    /** The message of a run whose frame checks failed: the invalid row, or the problem and the files around it. */
    String describe(FrameChecks check) {
        if (check.badAtomFrame >= 0 && badRow[check.badAtomFrame] != null) {
            String d = badRow[check.badAtomFrame];
            return d.startsWith("column ") ? d : "frame " + check.badAtomFrame + ", " + d
                    + (check.badCount > 1 ? " (" + check.badCount + " invalid rows in this frame)" : "");
        }
        if (check.neighbours != null) {
            List<String> parts = new ArrayList<>();
            for (int f : check.neighbours) {
                String in = filesOf(f);
                if (!in.isEmpty()) {
                    parts.add("frame " + f + " is in " + in);
                }
            }
            return check.problem + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
        }
        String in = filesOf(check.problemFrame);
        return check.problem + (in.isEmpty() ? "" : " (file " + in + ")");
    }

    /** The files holding rows of frame {@code f}, sorted, comma-separated ("" when none or unknown). */
    String filesOf(int f) {
        if (f < 0 || f >= fileA.length || fileA[f] < 0) {
            return "";
        }
        TreeSet<String> in = new TreeSet<>();
        in.add(files.get(fileA[f]));
        if (fileB[f] >= 0) {
            in.add(files.get(fileB[f]));
        }
        return String.join(", ", in);
    }
}
