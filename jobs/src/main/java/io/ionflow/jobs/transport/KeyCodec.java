package io.ionflow.jobs.transport;

import java.io.Serializable;

/**
 * Packs (run index, atom, frame) into one non-negative long, run in the high bits, so that sorting
 * rows by the key groups them by run, then atom, then frame — one sort column with a full-width
 * prefix, which Spark sorts with its radix sort. Bit widths are the smallest that hold the job's
 * largest run index, atom id and frame number.
 */
final class KeyCodec implements Serializable {
    private static final long serialVersionUID = 1L;

    final int runBits;
    final int atomBits;
    final int frameBits;

    KeyCodec(int runs, int maxAtoms, int maxFrames) {
        this.runBits = bits(runs);
        this.atomBits = bits(maxAtoms);
        this.frameBits = bits(maxFrames);
        if (runBits + atomBits + frameBits > 63) {
            throw new IllegalArgumentException("cannot pack " + runs + " runs × " + maxAtoms + " atoms × " + maxFrames
                    + " frames into one 63-bit key; process fewer runs at a time (--runs)");
        }
    }

    /** Bits needed for the values 0..n−1 (at least 1). */
    static int bits(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
    }

    int run(long key) {
        return (int) (key >>> (atomBits + frameBits));
    }

    int atom(long key) {
        return (int) ((key >>> frameBits) & ((1L << atomBits) - 1));
    }

    int frame(long key) {
        return (int) (key & ((1L << frameBits) - 1));
    }

    long key(int run, int atom, int frame) {
        return ((long) run << (atomBits + frameBits)) | ((long) atom << frameBits) | frame;
    }

    /** @return the SQL expression of the key from integer columns ridx, atom, frame */
    String sql() {
        return "shiftleft(cast(ridx as bigint), " + (atomBits + frameBits) + ") | shiftleft(cast(atom as bigint), "
                + frameBits + ") | cast(frame as bigint)";
    }
}
