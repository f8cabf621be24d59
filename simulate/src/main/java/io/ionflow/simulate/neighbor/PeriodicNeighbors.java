package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;

import java.util.Arrays;

/**
 * Full neighbour list (every pair stored under both atoms) of a periodic cell of any shape, for
 * many-body potentials. The cell is row-major 3×3, rows the cell vectors a, b, c (Å); positions need
 * not be wrapped.
 *
 * <p>Atoms are binned in fractional coordinates: along each cell vector the cell is cut into
 * n = max(1, ⌊s·h/r_c⌋) slabs, s = 1, 2 or 3 chosen by an estimate of the search cost (see {@link Bins}),
 * h being the distance between the lattice planes spanned by the other two vectors (so a slab is at least
 * r_c/s thick unless the whole cell is thinner). Since any vector d
 * satisfies |d| ≥ |s_a(d)|·h_a, a neighbour of an atom lies at most k = ⌈r_c/(h/n)⌉ slabs away, and
 * the search visits bin offsets −k..k along each direction; an offset maps to exactly one
 * (bin, periodic image) pair, so cells thinner than 2 r_c — where an atom sees several images of the
 * same neighbour, and its own images — are handled without duplicates. The cost is O(N) for a fixed
 * density.
 *
 * <p>The search keeps only each pair's forward half (neighbour j &gt; i, or an image of atom i itself
 * with a lexicographically positive cell offset), in fixed chunks of atoms run in parallel; the backward
 * entries are then placed by a transpose over the same chunks, which also links every entry to its reverse
 * (the same pair seen from the neighbour), so a potential can gather pair forces per atom without write conflicts.
 * Atom i's entries are its forward ones in search order, then its backward ones in the order of their
 * owners: the order depends only on the input, and results are identical for any thread count.
 */
public final class PeriodicNeighbors {
    private final int[] start;
    private final Storage storage;
    private final int[] neighbor;
    private final double[] dx, dy, dz;
    private final int[] reverse;

    private PeriodicNeighbors(int[] start, Storage storage) {
        this.start = start;
        this.storage = storage;
        this.neighbor = storage.neighbor;
        this.dx = storage.dx;
        this.dy = storage.dy;
        this.dz = storage.dz;
        this.reverse = storage.reverse;
    }

    public int start(int i) { return start[i]; }
    public int end(int i) { return start[i + 1]; }
    public int size() { return start[start.length - 1]; }
    /** Neighbour atom of entry p. */
    public int neighbor(int p) { return neighbor[p]; }
    /** Displacement x_j − x_i (Å) of entry p, components x, y, z. */
    public double dx(int p) { return dx[p]; }
    public double dy(int p) { return dy[p]; }
    public double dz(int p) { return dz[p]; }
    /** The entry of the same pair and image seen from the neighbour (displacement −d). */
    public int reverse(int p) { return reverse[p]; }

    /**
     * Builds the list of all pairs closer than {@code cutoff}.
     *
     * @param cell      row-major 3×3, rows are the cell vectors (Å), right- or left-handed, non-singular
     * @param positions 3N Cartesian positions (Å)
     */
    public static PeriodicNeighbors build(double[] cell, double[] positions, double cutoff, Parallel par) {
        return build(cell, positions, cutoff, par, null);
    }

    /**
     * As {@link #build(double[], double[], double, Parallel)}, recycling the arrays of {@code previous} (a list the
     * caller no longer reads; null for none): a potential called every MD step then allocates nothing in the steady
     * state — no large arrays zeroed by one thread, no garbage per atom.
     */
    public static PeriodicNeighbors build(double[] cell, double[] positions, double cutoff, Parallel par,
                                          PeriodicNeighbors previous) {
        if (!(cutoff > 0)) throw new IllegalArgumentException("cutoff must be positive, got " + cutoff);
        CellGeometry g = new CellGeometry(cell);
        int n = positions.length / 3;
        Bins bins = new Bins(g, positions, cutoff);
        Storage st = previous != null && previous.storage.atoms == n ? previous.storage : new Storage(n);
        par.forTasks(st.chunks.length, (c0, c1) -> {
            PairBuffer buf = new PairBuffer();
            for (int c = c0; c < c1; c++) st.chunks[c].search(bins, cutoff, buf);
        });
        return assemble(st, par);
    }

    /** Chunks of atoms searched and transposed together: at most this many, at least 1024 atoms each. */
    private static final int MAX_CHUNKS = 16;

    /**
     * The arrays of one list: per fixed chunk of atoms its forward entries and its count of backward entries per
     * atom; the entries themselves (capacity may exceed the size). Chunks depend on the atom count only, so the
     * layout never depends on the thread count.
     */
    private static final class Storage {
        final int atoms;
        final Chunk[] chunks;
        int[] neighbor = new int[0], reverse = new int[0];
        double[] dx = new double[0], dy = new double[0], dz = new double[0];

        Storage(int n) {
            this.atoms = n;
            int count = Math.max(1, Math.min(MAX_CHUNKS, n / 1024));
            chunks = new Chunk[count];
            for (int c = 0; c < count; c++) chunks[c] = new Chunk((int) ((long) n * c / count), (int) ((long) n * (c + 1) / count), n);
        }

        /** Room for {@code total} entries; contents need not be kept (every slot is written before it is read). */
        void reserve(int total) {
            if (neighbor.length >= total) return;
            int size = total + total / 8;
            neighbor = new int[size];
            reverse = new int[size];
            dx = new double[size];
            dy = new double[size];
            dz = new double[size];
        }
    }

    /** The forward entries of atoms [from, to) in atom order, and how many backward entries each atom receives from them. */
    private static final class Chunk {
        final int from, to;
        final int[] forwardEnd;
        final int[] backward;
        int[] atoms = new int[0];
        double[] d = new double[0];

        Chunk(int from, int to, int n) {
            this.from = from;
            this.to = to;
            this.forwardEnd = new int[to - from];
            this.backward = new int[n];
        }

        void search(Bins bins, double cutoff, PairBuffer buf) {
            Arrays.fill(backward, 0);
            int size = 0;
            for (int i = from; i < to; i++) {
                bins.collectForward(i, cutoff, buf);
                if (size + buf.n > atoms.length) {
                    int cap = Math.max(2 * atoms.length, size + buf.n);
                    atoms = Arrays.copyOf(atoms, cap);
                    d = Arrays.copyOf(d, 3 * cap);
                }
                System.arraycopy(buf.atoms, 0, atoms, size, buf.n);
                System.arraycopy(buf.d, 0, d, 3 * size, 3 * buf.n);
                for (int q = 0; q < buf.n; q++) backward[buf.atoms[q]]++;
                size += buf.n;
                forwardEnd[i - from] = size;
            }
        }

        int forwardCount(int i) {
            int k = i - from;
            return forwardEnd[k] - (k == 0 ? 0 : forwardEnd[k - 1]);
        }
    }

    /**
     * Each atom's forward entries, then the backward ones in atom order, each linked to its reverse: a CSR transpose
     * over the fixed chunks — each chunk's backward counts per atom prefix-summed in chunk order, then each chunk's
     * entries placed — so the layout is the serial one (backward entries of j ordered by i) for any thread count.
     */
    private static PeriodicNeighbors assemble(Storage st, Parallel par) {
        int n = st.atoms;
        Chunk[] chunks = st.chunks;
        int[] start = new int[n + 1];
        for (Chunk ch : chunks) {
            for (int i = ch.from; i < ch.to; i++) {
                int backward = 0;
                for (Chunk other : chunks) backward += other.backward[i];
                start[i + 1] = start[i] + ch.forwardCount(i) + backward;
            }
        }
        for (Chunk ch : chunks) { // backward counts become each chunk's first backward slot of atom j
            for (int j = ch.from; j < ch.to; j++) {
                int slot = start[j] + ch.forwardCount(j);
                for (Chunk other : chunks) {
                    int k = other.backward[j];
                    other.backward[j] = slot;
                    slot += k;
                }
            }
        }
        st.reserve(start[n]);
        par.forTasks(chunks.length, (c0, c1) -> {
            for (int c = c0; c < c1; c++) place(chunks[c], start, st);
        });
        return new PeriodicNeighbors(start, st);
    }

    /** Writes one chunk's forward entries and their backward images, linked to each other. */
    private static void place(Chunk ch, int[] start, Storage st) {
        int[] nbr = st.neighbor, rev = st.reverse, next = ch.backward;
        double[] dx = st.dx, dy = st.dy, dz = st.dz, d = ch.d;
        int e = 0;
        for (int i = ch.from; i < ch.to; i++) {
            for (int p = start[i], end = p + ch.forwardCount(i); p < end; p++, e++) {
                int j = ch.atoms[e], b = next[j]++;
                nbr[p] = j;
                nbr[b] = i;
                dx[p] = d[3 * e];
                dy[p] = d[3 * e + 1];
                dz[p] = d[3 * e + 2];
                dx[b] = -dx[p];
                dy[b] = -dy[p];
                dz[b] = -dz[p];
                rev[p] = b;
                rev[b] = p;
            }
        }
    }

    /** Periodic images are addressed with offsets below this in magnitude. */
    static final int MAX_IMAGE = 1024;

    static void checkImage(int ia, int ib, int ic) {
        if (Math.abs(ia) >= MAX_IMAGE || Math.abs(ib) >= MAX_IMAGE || Math.abs(ic) >= MAX_IMAGE) {
            throw new IllegalArgumentException("cutoff spans more than " + MAX_IMAGE + " periodic images; the cell is too thin");
        }
    }

    /** Growable buffer of one atom's forward entries: neighbour and displacement (x, y, z). */
    static final class PairBuffer {
        int[] atoms = new int[64];
        double[] d = new double[3 * 64];
        int n;

        void clear() { n = 0; }

        /** Room for {@code more} entries beyond the n held. */
        void reserve(int more) {
            if (n + more > atoms.length) {
                int size = Math.max(2 * atoms.length, n + more);
                atoms = Arrays.copyOf(atoms, size);
                d = Arrays.copyOf(d, 3 * size);
            }
        }
    }
}
