package io.ionflow.jobs.transport;

/**
 * The direct pass's bulk path for clean column batches ({@link FramePass}, direct mode). Shards as MD writes them
 * hold each frame's atoms in order, so a batch is a few segments of one frame and consecutive atom ids; such a
 * segment is checked with tight loops over the batch's arrays and copied into the run's frame-major arrays with
 * {@link DirectArrays#putRange} (the same order), instead of row by row. A segment with any row that is not clean
 * (frame or atom out of range, species not the atom's, time or a value not finite) or that meets a row seen before
 * is refused and goes row by row, so the statistics, arrays and duplicate reports are exactly those of the row loop
 * (whose effects do not depend on the order of the rows of one segment: counts, minima, maxima, exact integer sums).
 */
final class DirectBulk {
    private static final int EXP = 0x7f800000; // float exponent bits: all set for ±Inf and NaN
    private static final long DEXP = 0x7ff0000000000000L;

    private DirectBulk() {}

    /** @return the end (exclusive) of the segment that starts at row {@code i}: same frame, consecutive atom ids */
    static int segmentEnd(int[] f, int[] atom, int i, int rows) {
        int fi = f[i];
        int next = atom[i] + 1;
        int j = i + 1;
        while (j < rows && f[j] == fi && atom[j] == next) {
            j++;
            next++;
        }
        return j;
    }

    /**
     * Checks rows {@code [i, j)} (one segment) and, when all are clean and none was seen, counts and places them.
     *
     * @param species the rows' species ids in the run's list (−1: unknown)
     * @return whether the segment was taken; false: nothing changed, send its rows through the row loop
     */
    static boolean place(PassRun run, FrameStats fs, DirectArrays d, int[] f, double[] t, int[] atom, int[] species,
                         float[] xa, float[] xb, float[] xc, int i, int j) {
        int fr = f[i];
        int a0 = atom[i];
        int len = j - i;
        if (fr < 0 || fr >= run.nFrames || a0 < 0 || a0 > run.nAtoms - len) {
            return false;
        }
        int[] soa = run.speciesOfAtom;
        int differ = 0;
        if (soa == null) {
            for (int k = i; k < j; k++) {
                differ |= species[k]; // negative if any is unknown
            }
            if (differ < 0) {
                return false;
            }
        } else {
            for (int k = i, a = a0; k < j; k++, a++) {
                differ |= species[k] ^ soa[a];
            }
            if (differ != 0) {
                return false;
            }
        }
        int notFinite = 0;
        for (int k = i; k < j; k++) {
            notFinite |= ((Float.floatToRawIntBits(xa[k]) & EXP) + 0x00800000) | ((Float.floatToRawIntBits(xb[k]) & EXP)
                    + 0x00800000) | ((Float.floatToRawIntBits(xc[k]) & EXP) + 0x00800000);
        }
        if ((notFinite & 0x80000000) != 0) { // exponent all ones + 1 carries into the sign bit
            return false;
        }
        double tmin = Double.POSITIVE_INFINITY;
        double tmax = Double.NEGATIVE_INFINITY;
        for (int k = i; k < j; k++) {
            double v = t[k];
            if ((Double.doubleToRawLongBits(v) & DEXP) == DEXP) {
                return false;
            }
            if (v < tmin) { // the row loop's comparisons (the first of equal values stays, e.g. 0.0 before −0.0)
                tmin = v;
            }
            if (v > tmax) {
                tmax = v;
            }
        }
        if (!d.putRange(a0, fr, xa, xb, xc, soa == null ? species : null, i, len)) {
            return false;
        }
        fs.rows[fr] += len;
        if (tmin < fs.tmin[fr]) {
            fs.tmin[fr] = tmin;
        }
        if (tmax > fs.tmax[fr]) {
            fs.tmax[fr] = tmax;
        }
        if (soa != null) { // reference sums (else found later from frame 0's species, DirectPass.endFrames)
            boolean[] ref = run.inReference;
            long[][] sums = fs.sums;
            for (int k = i; k < j; k++) {
                int s = species[k];
                if (ref[s]) {
                    fs.nfw[fr]++;
                    FrameStats.addExact(sums[6 * s], sums[6 * s + 1], fr, xa[k]);
                    FrameStats.addExact(sums[6 * s + 2], sums[6 * s + 3], fr, xb[k]);
                    FrameStats.addExact(sums[6 * s + 4], sums[6 * s + 5], fr, xc[k]);
                }
            }
        }
        return true;
    }
}
