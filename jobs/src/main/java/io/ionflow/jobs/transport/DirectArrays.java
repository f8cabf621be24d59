package io.ionflow.jobs.transport;

/**
 * The direct pass's arrays ({@link FramePass#fillDirect}, one task reads a whole run): every valid row is placed by (frame, atom) into
 * frame-major arrays (index frame × atoms + atom: the files' own order, so the writes are
 * sequential), whatever order the files come in; a second row for the same (atom, frame) is
 * remembered (the first such pair in (atom, frame) order). 12 bytes per atom-frame plus one bit.
 *
 * <p>Only the values of seen rows are defined: a reused array may hold an earlier task's numbers where no row was
 * seen. Readers look at seen rows only ({@link #seen}); the kernel runs only when the frame checks found every atom
 * exactly once in every frame.
 *
 * <p>A task that is done with its arrays {@linkplain #release() releases} them for the next direct task of the same
 * JVM, which reuses them when its run is as large or up to a quarter smaller. Without this, every task
 * allocated its ≈ 12 bytes per atom-frame anew, G1 gave the memory back to the system between tasks and took it again
 * page by page: 0.2–0.5 s of page faults per 2.5e7-atom-frame run (`bench msd`). The pool holds at most one set
 * per core (the most direct tasks a JVM runs at once), through soft references, so the garbage collector takes them
 * back before memory runs out.
 */
final class DirectArrays {
    /** Most sets of released arrays kept for reuse: one per core (at least 2). */
    static final int MAX_POOLED = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final java.util.ArrayDeque<java.lang.ref.SoftReference<DirectArrays>> POOL = new java.util.ArrayDeque<>();

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
        DirectArrays old = reusable((int) n);
        int words = (int) ((n + 63) >>> 6);
        if (old == null) {
            a = new float[(int) n];
            b = new float[(int) n];
            c = new float[(int) n];
            seen = new long[words];
        } else { // the values need no clearing (only those of seen rows are read)
            a = old.a;
            b = old.b;
            c = old.c;
            seen = old.seen;
            java.util.Arrays.fill(seen, 0, words, 0L);
        }
        species = !recordSpecies ? null : old != null && old.species != null ? old.species : new byte[(int) n];
        if (species != null) {
            java.util.Arrays.fill(species, 0, (int) n, (byte) -1);
        }
    }

    /** A released set whose arrays hold {@code n} values and are at most a quarter larger, taken out of the pool. */
    private static DirectArrays reusable(int n) {
        synchronized (POOL) {
            for (java.util.Iterator<java.lang.ref.SoftReference<DirectArrays>> it = POOL.iterator(); it.hasNext(); ) {
                DirectArrays d = it.next().get();
                if (d == null) {
                    it.remove();
                } else if (d.a.length >= n && d.a.length - n <= n / 4) {
                    it.remove();
                    return d;
                }
            }
        }
        return null;
    }

    /** Hands the arrays to a later direct task of this JVM; this object must not be used afterwards. */
    void release() {
        synchronized (POOL) {
            POOL.addLast(new java.lang.ref.SoftReference<>(this));
            while (POOL.size() > MAX_POOLED) {
                POOL.removeFirst();
            }
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

    /**
     * Rows {@code from .. from+len−1} of the batch arrays, which are atoms {@code atom0 .. atom0+len−1} of frame
     * {@code f}, placed at once — only if none of these (atom, frame) was seen before; else nothing is changed and
     * the rows must go through {@link #put} one by one (which records the duplicate).
     *
     * @param speciesIds the rows' species ids (recorded when the arrays record species), or null
     * @return whether the rows were placed
     */
    boolean putRange(int atom0, int f, float[] x, float[] y, float[] z, int[] speciesIds, int from, int len) {
        int i0 = f * nAtoms + atom0;
        int i1 = i0 + len; // exclusive
        int w0 = i0 >>> 6;
        int w1 = (i1 - 1) >>> 6;
        for (int w = w0; w <= w1; w++) {
            if ((seen[w] & mask(w, w0, w1, i0, i1)) != 0) {
                return false;
            }
        }
        for (int w = w0; w <= w1; w++) {
            seen[w] |= mask(w, w0, w1, i0, i1);
        }
        System.arraycopy(x, from, a, i0, len);
        System.arraycopy(y, from, b, i0, len);
        System.arraycopy(z, from, c, i0, len);
        if (species != null) {
            for (int k = 0; k < len; k++) {
                species[i0 + k] = (byte) speciesIds[from + k];
            }
        }
        return true;
    }

    /** The bits of word {@code w} that lie in [i0, i1), for words w0..w1 of that range. */
    private static long mask(int w, int w0, int w1, int i0, int i1) {
        long m = -1L;
        if (w == w0) {
            m &= -1L << (i0 & 63);
        }
        if (w == w1) {
            m &= -1L >>> (63 - ((i1 - 1) & 63));
        }
        return m;
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
