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
 * with a lexicographically positive cell offset); the backward entries are then placed in one
 * sequential pass over the atoms in index order, which also links every entry to its reverse (the same
 * pair seen from the neighbour), so a potential can gather pair forces per atom without write conflicts.
 * Atom i's entries are its forward ones in search order, then its backward ones in the order of their
 * owners: the order depends only on the input, and results are identical for any thread count.
 */
public final class PeriodicNeighbors {
    private final int[] start;
    private final int[] neighbor;
    private final double[] dx, dy, dz;
    private final int[] reverse;

    private PeriodicNeighbors(int[] start, int[] neighbor, double[] dx, double[] dy, double[] dz, int[] reverse) {
        this.start = start;
        this.neighbor = neighbor;
        this.dx = dx;
        this.dy = dy;
        this.dz = dz;
        this.reverse = reverse;
    }

    public int start(int i) { return start[i]; }
    public int end(int i) { return start[i + 1]; }
    public int size() { return neighbor.length; }
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
        if (!(cutoff > 0)) throw new IllegalArgumentException("cutoff must be positive, got " + cutoff);
        CellGeometry g = new CellGeometry(cell);
        int n = positions.length / 3;
        Bins bins = new Bins(g, positions, cutoff);
        int[][] atoms = new int[n][];
        double[][] displacements = new double[n][];
        par.forRange(n, (from, to) -> {
            PairBuffer buf = new PairBuffer();
            for (int i = from; i < to; i++) {
                bins.collectForward(i, cutoff, buf);
                atoms[i] = Arrays.copyOf(buf.atoms, buf.n);
                displacements[i] = Arrays.copyOf(buf.d, 3 * buf.n);
            }
        });
        return assemble(n, atoms, displacements, par);
    }

    /** Chunks of the backward-entry transpose: at most this many (memory chunks × n ints), at least 1024 atoms each. */
    private static final int MAX_CHUNKS = 16;

    /**
     * Each atom's forward entries, then the backward ones in atom order, each linked to its reverse: a CSR transpose in
     * fixed chunks of atoms — count each chunk's backward entries per atom, prefix-sum them in chunk order, place each
     * chunk's entries — so the layout is the serial one (backward entries of j ordered by i) for any thread count.
     */
    private static PeriodicNeighbors assemble(int n, int[][] atoms, double[][] displacements, Parallel par) {
        int chunks = Math.max(1, Math.min(MAX_CHUNKS, n / 1024));
        int size = (n + chunks - 1) / chunks; // depends on n only, so the layout never depends on the thread count
        int[][] counts = new int[chunks][n];
        par.forTasks(chunks, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                for (int i = c * size, end = Math.min(n, i + size); i < end; i++) {
                    for (int j : atoms[i]) counts[c][j]++;
                }
            }
        });
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int backward = 0;
            for (int[] cc : counts) backward += cc[i];
            start[i + 1] = start[i] + atoms[i].length + backward;
        }
        for (int j = 0; j < n; j++) { // counts become each chunk's first backward slot of atom j
            int slot = start[j] + atoms[j].length;
            for (int[] cc : counts) {
                int k = cc[j];
                cc[j] = slot;
                slot += k;
            }
        }
        int total = start[n];
        int[] nbr = new int[total], rev = new int[total];
        double[] dx = new double[total], dy = new double[total], dz = new double[total];
        par.forTasks(chunks, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int[] next = counts[c];
                for (int i = c * size, end = Math.min(n, i + size); i < end; i++) {
                    int[] a = atoms[i];
                    double[] d = displacements[i];
                    for (int q = 0; q < a.length; q++) {
                        int p = start[i] + q, j = a[q], b = next[j]++;
                        nbr[p] = j;
                        nbr[b] = i;
                        dx[p] = d[3 * q];
                        dy[p] = d[3 * q + 1];
                        dz[p] = d[3 * q + 2];
                        dx[b] = -dx[p];
                        dy[b] = -dy[p];
                        dz[b] = -dz[p];
                        rev[p] = b;
                        rev[b] = p;
                    }
                }
            }
        });
        return new PeriodicNeighbors(start, nbr, dx, dy, dz, rev);
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
