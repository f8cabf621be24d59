package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;

import java.util.Arrays;

/**
 * Full neighbour list (every pair stored under both atoms) of a periodic cell of any shape, for
 * many-body potentials. The cell is row-major 3×3, rows the cell vectors a, b, c (Å); positions need
 * not be wrapped.
 *
 * <p>Atoms are binned in fractional coordinates: along each cell vector the cell is cut into
 * n = max(1, ⌊h/r_c⌋) slabs, h being the distance between the lattice planes spanned by the other two
 * vectors (so a slab is at least r_c thick unless the whole cell is thinner). Since any vector d
 * satisfies |d| ≥ |s_a(d)|·h_a, a neighbour of an atom lies at most k = ⌈r_c/(h/n)⌉ slabs away, and
 * the search visits bin offsets −k..k along each direction; an offset maps to exactly one
 * (bin, periodic image) pair, so cells thinner than 2 r_c — where an atom sees several images of the
 * same neighbour, and its own images — are handled without duplicates. The cost is O(N) for a fixed
 * density.
 *
 * <p>Each atom's entries are sorted by (neighbour, image), so the order depends only on the input, and
 * each entry knows its reverse (the same pair seen from the neighbour), which lets a potential gather
 * pair forces per atom without write conflicts: results are identical for any thread count.
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
        long[][] keys = new long[n][];
        par.forRange(n, (from, to) -> {
            PairBuffer buf = new PairBuffer();
            for (int i = from; i < to; i++) {
                bins.collect(i, cutoff, buf);
                Arrays.sort(buf.keys, 0, buf.n);
                keys[i] = Arrays.copyOf(buf.keys, buf.n);
            }
        });
        return assemble(n, keys, bins, par);
    }

    private static PeriodicNeighbors assemble(int n, long[][] keys, Bins bins, Parallel par) {
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + keys[i].length;
        int total = start[n];
        int[] nbr = new int[total], rev = new int[total];
        double[] dx = new double[total], dy = new double[total], dz = new double[total];
        par.forRange(n, (from, to) -> {
            double[] d = new double[3];
            for (int i = from; i < to; i++) {
                long[] k = keys[i];
                for (int q = 0; q < k.length; q++) {
                    int p = start[i] + q;
                    int j = Key.atom(k[q]);
                    nbr[p] = j;
                    bins.displacement(i, j, Key.a(k[q]), Key.b(k[q]), Key.c(k[q]), d);
                    dx[p] = d[0];
                    dy[p] = d[1];
                    dz[p] = d[2];
                    if (j < i) continue; // the entry's reverse is set from atom j's side
                    int r = Arrays.binarySearch(keys[j], Key.reverse(k[q], i));
                    if (r < 0) throw new IllegalStateException("neighbour list is not symmetric (atoms " + i + ", " + j + ")");
                    rev[p] = start[j] + r; // each slot is written by the owner of its smaller atom only
                    rev[start[j] + r] = p;
                }
            }
        });
        return new PeriodicNeighbors(start, nbr, dx, dy, dz, rev);
    }

    /** Packs (neighbour, image a, b, c) into a sortable long: 31 bits atom, 3 × 11 bits image + 1024. */
    static final class Key {
        private static final int BIAS = 1024;

        static long of(int atom, int ia, int ib, int ic) {
            if (Math.abs(ia) >= BIAS || Math.abs(ib) >= BIAS || Math.abs(ic) >= BIAS) {
                throw new IllegalArgumentException("cutoff spans more than " + BIAS + " periodic images; the cell is too thin");
            }
            return ((long) atom << 33) | ((long) (ia + BIAS) << 22) | ((long) (ib + BIAS) << 11) | (ic + BIAS);
        }

        static int atom(long key) { return (int) (key >>> 33); }
        static int a(long key) { return (int) ((key >>> 22) & 2047) - BIAS; }
        static int b(long key) { return (int) ((key >>> 11) & 2047) - BIAS; }
        static int c(long key) { return (int) (key & 2047) - BIAS; }

        static long reverse(long key, int owner) {
            return of(owner, -a(key), -b(key), -c(key));
        }
    }

    /** Growable buffer of one atom's pair keys. */
    static final class PairBuffer {
        long[] keys = new long[64];
        int n;

        void clear() { n = 0; }

        void add(long key) {
            if (n == keys.length) keys = Arrays.copyOf(keys, 2 * n);
            keys[n++] = key;
        }
    }
}
