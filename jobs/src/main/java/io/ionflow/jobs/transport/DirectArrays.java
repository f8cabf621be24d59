package io.ionflow.jobs.transport;

/**
 * The direct pass's arrays ({@link FramePass#fillDirect}, one task reads a whole run): every valid row is placed by (frame, atom) into
 * frame-major arrays (index frame × atoms + atom: the files' own order, so the writes are
 * sequential), whatever order the files come in; a second row for the same (atom, frame) is
 * remembered (the first such pair in (atom, frame) order). 12 bytes per atom-frame plus one bit.
 */
final class DirectArrays {
    final int nAtoms;
    final float[] a;
    final float[] b;
    final float[] c;
    private final long[] seen;
    /** Species id of every row, when the run's species are not known in advance (else null). */
    final byte[] species;
    int dupAtom = -1;
    int dupFrame = -1;

    DirectArrays(int nAtoms, int nFrames) {
        this(nAtoms, nFrames, false);
    }

    DirectArrays(int nAtoms, int nFrames, boolean recordSpecies) {
        long n = (long) nAtoms * nFrames;
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("direct pass: " + n + " atom-frames do not fit one array");
        }
        this.nAtoms = nAtoms;
        a = new float[(int) n];
        b = new float[(int) n];
        c = new float[(int) n];
        seen = new long[(int) ((n + 63) >>> 6)];
        species = recordSpecies ? new byte[(int) n] : null;
        if (species != null) {
            java.util.Arrays.fill(species, (byte) -1);
        }
    }

    /** @return whether the row of index {@code frame × atoms + atom} was seen */
    boolean seen(int i) {
        return (seen[i >>> 6] & (1L << (i & 63))) != 0;
    }

    /** {@link #put} that also records the row's species (the first row wins for a duplicate). */
    void put(int atom, int f, int speciesId, float x, float y, float z) {
        int i = f * nAtoms + atom;
        if (!seen(i)) {
            species[i] = (byte) speciesId;
        }
        put(atom, f, x, y, z);
    }

    void put(int atom, int f, float x, float y, float z) {
        int i = f * nAtoms + atom;
        int w = i >>> 6;
        long bit = 1L << (i & 63);
        if ((seen[w] & bit) != 0) {
            if (dupAtom < 0 || atom < dupAtom || atom == dupAtom && f < dupFrame) {
                dupAtom = atom;
                dupFrame = f;
            }
            return;
        }
        seen[w] |= bit;
        a[i] = x;
        b[i] = y;
        c[i] = z;
    }
}
