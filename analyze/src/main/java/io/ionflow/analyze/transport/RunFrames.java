package io.ionflow.analyze.transport;

import io.ionflow.simulate.archive.ShardFile;
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
    /** a, b and c as {@link BlockArrays} handed them out (possibly longer than the block). */
    private final float[][] values;
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
    /** The reference atoms' exact sums of the frame run being added (zero between runs). */
    private final long[] referencePending;

    RunFrames(RunTask task, EndFrames ends) {
        this.task = task;
        this.ends = ends;
        int t = task.nFrames();
        long cells = (long) t * task.blockAtoms();
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a task block of " + cells + " atom-frames is too large");
        }
        stats = new FrameStats(t, task.species().length);
        values = BlockArrays.take((int) cells);
        a = values[0];
        b = values[1];
        c = values[2];
        seen = new long[(int) ((cells + 63) / 64)];
        placed = new int[t];
        inReference = ends.inReference();
        fileA = new int[t];
        fileB = new int[t];
        Arrays.fill(fileA, -1);
        Arrays.fill(fileB, -1);
        badRow = new String[t];
        referencePending = new long[6 * inReference.length];
    }

    /** Adds the rows of one row group of file {@code file}. */
    void accept(ShardFile.Columns col, String file) {
        int fi = files.indexOf(file);
        if (fi < 0) {
            files.add(file);
            fi = files.size() - 1;
        }
        boolean velocities = task.kind() == Method.VACF;
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
     * A row group without nulls (how MD writes them): the same checks and counts as {@link #row}, taken a frame run at
     * a time — consecutive rows of one frame whose atom ids count up by one (one frame of an MD dump), every row of
     * them valid ({@link #validRun}) — and then counted, summed and copied in bulk ({@link #addRun}); any other row
     * goes through {@link #row}. The totals are integers or minima/maxima and the copies land where {@link #row} puts
     * them, so the result is the same as row by row.
     */
    private void cleanRows(ShardFile.Columns col, int fi, boolean velocities) {
        int[] frame = col.frame;
        int[] atom = col.atom;
        int nFrames = task.nFrames();
        int nAtoms = task.nAtoms();
        int i = 0;
        while (i < col.rows) {
            int f = frame[i];
            int a0 = atom[i];
            int j = f < 0 || f >= nFrames || a0 < 0 || a0 >= nAtoms ? i : validRun(col, i, f, a0);
            if (j == i) {
                row(col, i, fi, velocities);
                i++;
            } else {
                addRun(col, i, j, f, a0, fi);
                i = j;
            }
        }
    }

    /**
     * The end of the frame run starting at row {@code i} (frame {@code f} in range, atom {@code a0} a valid id): the
     * first row that is of another frame, not the next atom id, or not valid (species other than in frame 0, a time
     * or value that is not finite).
     */
    private int validRun(ShardFile.Columns col, int i, int f, int a0) {
        int[] frame = col.frame;
        int[] atom = col.atom;
        int[] species = col.species;
        double[] time = col.time;
        float[] xa = col.values[0];
        float[] xb = col.values[1];
        float[] xc = col.values[2];
        int[] speciesOfAtom = ends.speciesOfAtom;
        int end = (int) Math.min(col.rows, (long) i + task.nAtoms() - a0);
        int j = i;
        for (int a = a0; j < end; j++, a++) {
            if (frame[j] != f || atom[j] != a || species[j] != speciesOfAtom[a] || !Double.isFinite(time[j])
                    || !Float.isFinite(xa[j]) || !Float.isFinite(xb[j]) || !Float.isFinite(xc[j])) {
                break;
            }
        }
        return j;
    }

    /** Rows {@code [i, j)}: frame {@code f}, atoms {@code a0, a0 + 1, …}, all valid (see {@link #validRun}). */
    private void addRun(ShardFile.Columns col, int i, int j, int f, int a0, int fi) {
        FrameStats fs = stats;
        fs.rows[f] += j - i;
        noteFile(f, fi);
        double[] time = col.time;
        double lo = fs.tmin[f];
        double hi = fs.tmax[f];
        for (int k = i; k < j; k++) {
            double t = time[k];
            if (t < lo) {
                lo = t;
            }
            if (t > hi) {
                hi = t;
            }
        }
        fs.tmin[f] = lo;
        fs.tmax[f] = hi;
        addReferenceRun(col, i, j, f, a0);
        keepRun(col, i, j, f, a0);
    }

    /**
     * The drift reference's exact sums over the reference atoms of a frame run, species by species over the run's
     * stretches of consecutive atoms of one species (integer sums: the order does not change them).
     */
    private void addReferenceRun(ShardFile.Columns col, int i, int j, int f, int a0) {
        int[] speciesOfAtom = ends.speciesOfAtom;
        long[] pending = referencePending;
        int n = 0;
        for (int k = i; k < j; ) {
            int s = speciesOfAtom[a0 + k - i];
            int e = k + 1;
            while (e < j && speciesOfAtom[a0 + e - i] == s) {
                e++;
            }
            if (inReference[s]) {
                n += e - k;
                FrameStats.addExactRange(pending, 6 * s, col.values, k, e);
            }
            k = e;
        }
        if (n == 0) {
            return;
        }
        stats.nfw[f] += n;
        for (int k = 0; k < pending.length; k++) {
            stats.sums[k][f] += pending[k];
            pending[k] = 0;
        }
    }

    /**
     * Keeps the values of a frame run's rows of the task's atoms: copied in bulk when none of them was seen before
     * in this frame, else row by row ({@link #keep} finds the first duplicate as it would have).
     */
    private void keepRun(ShardFile.Columns col, int i, int j, int f, int a0) {
        int from = Math.max(a0, task.atomFrom());
        int to = Math.min(a0 + (j - i), task.atomTo());
        if (from >= to) {
            return;
        }
        int k0 = f * task.blockAtoms() + from - task.atomFrom();
        int n = to - from;
        int row0 = i + from - a0;
        if (anySeen(k0, n)) {
            for (int r = row0; r < row0 + n; r++) {
                keep(col.atom[r], f, col.values[0][r], col.values[1][r], col.values[2][r]);
            }
            return;
        }
        setSeen(k0, n);
        placed[f] += n;
        System.arraycopy(col.values[0], row0, a, k0, n);
        System.arraycopy(col.values[1], row0, b, k0, n);
        System.arraycopy(col.values[2], row0, c, k0, n);
    }

    /** Whether any of the bits {@code k0 .. k0 + n − 1} of {@link #seen} is set (a word at a time). */
    private boolean anySeen(int k0, int n) {
        for (int k = k0, end = k0 + n; k < end; ) {
            int len = Math.min(64 - (k & 63), end - k);
            if ((seen[k >>> 6] & bits(k & 63, len)) != 0) {
                return true;
            }
            k += len;
        }
        return false;
    }

    /** Sets the bits {@code k0 .. k0 + n − 1} of {@link #seen}. */
    private void setSeen(int k0, int n) {
        for (int k = k0, end = k0 + n; k < end; ) {
            int len = Math.min(64 - (k & 63), end - k);
            seen[k >>> 6] |= bits(k & 63, len);
            k += len;
        }
    }

    /** {@code len} (1..64) one-bits from bit {@code from} on. */
    private static long bits(int from, int len) {
        return (len == 64 ? -1L : (1L << len) - 1) << from;
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
        keep(atom, f, va, vb, vc);
    }

    /** Keeps the values of a row of the task's atoms (a second row of the same atom and frame is a duplicate). */
    private void keep(int atom, int f, float va, float vb, float vc) {
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
    /** Gives the value arrays back for later tasks ({@link BlockArrays}); this object is not used afterwards. */
    void release() {
        BlockArrays.give(values);
    }

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
