package io.ionflow.simulate.neighbor;

/**
 * Atoms of a periodic cell of any shape sorted into slabs of fractional coordinates (see
 * {@link PeriodicNeighbors}), with their wrapped Cartesian positions.
 *
 * <p>The slab count along each cell vector is chosen from n = ⌊s·h/r_c⌋, s = 1, 2, 3 (slabs at least
 * r_c/s thick), by an estimate of the search cost: the candidate pairs tested, from the atoms' actual
 * distribution over the slabs (a cell with vacuum has empty slabs), plus a fixed cost per visited bin.
 * The neighbour list does not depend on the choice.
 */
final class Bins {
    /** Cost of visiting one bin, in units of one candidate-pair distance test. */
    private static final double BIN_VISIT_COST = 8;

    private final CellGeometry g;
    private final int[] nb = new int[3];
    private final int[] reach = new int[3];
    private final int[] binStart;
    private final int[] binAtoms;
    private final double[] wrapped;
    /** Wrapped positions in bin order (x, y, z of binAtoms[q] at q): the search streams through them. */
    private final double[] bx, by, bz;
    private final int[] binOf;

    Bins(CellGeometry g, double[] positions, double cutoff) {
        this.g = g;
        int n = positions.length / 3;
        double[] frac = wrappedFractional(g, positions);
        wrapped = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) wrapped[3 * i + d] = g.cartesian(frac[3 * i], frac[3 * i + 1], frac[3 * i + 2], d);
        }
        long total = chooseSlabs(frac, n, cutoff);
        binOf = new int[n];
        int[] count = new int[(int) total + 1];
        for (int i = 0; i < n; i++) {
            int b0 = slab(frac[3 * i], nb[0]), b1 = slab(frac[3 * i + 1], nb[1]), b2 = slab(frac[3 * i + 2], nb[2]);
            binOf[i] = (b0 * nb[1] + b1) * nb[2] + b2;
            count[binOf[i] + 1]++;
        }
        for (int c = 0; c < total; c++) count[c + 1] += count[c];
        binStart = count.clone();
        binAtoms = new int[n];
        bx = new double[n];
        by = new double[n];
        bz = new double[n];
        int[] fill = count.clone();
        for (int i = 0; i < n; i++) {
            int q = fill[binOf[i]]++;
            binAtoms[q] = i;
            bx[q] = wrapped[3 * i];
            by[q] = wrapped[3 * i + 1];
            bz[q] = wrapped[3 * i + 2];
        }
    }

    private static double[] wrappedFractional(CellGeometry g, double[] positions) {
        int n = positions.length / 3;
        double[] s = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double f = g.fractional(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], k);
                if (!Double.isFinite(f)) throw new IllegalArgumentException("atom " + i + " has a non-finite position");
                f -= Math.floor(f);
                if (f >= 1) f = 0;
                s[3 * i + k] = f;
            }
        }
        return s;
    }

    private static int slab(double f, int count) {
        return Math.min(count - 1, (int) (f * count));
    }

    /** Sets nb and reach (see the class comment); returns the number of bins. */
    private long chooseSlabs(double[] frac, int n, double cutoff) {
        int[][] counts = new int[3][3];
        double[][] share = new double[3][3];
        for (int d = 0; d < 3; d++) {
            for (int s = 1; s <= 3; s++) {
                double slabs = Math.floor(s * g.thickness(d) / cutoff);
                counts[d][s - 1] = (int) Math.max(1, Math.min(Math.max(64, 4L * n), slabs));
                share[d][s - 1] = pairShare(frac, d, counts[d][s - 1], reachOf(cutoff, counts[d][s - 1], d));
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int s0 = 0; s0 < 3; s0++) {
            for (int s1 = 0; s1 < 3; s1++) {
                for (int s2 = 0; s2 < 3; s2++) {
                    int[] c = {counts[0][s0], counts[1][s1], counts[2][s2]};
                    double visits = 1;
                    for (int d = 0; d < 3; d++) visits *= 2 * reachOf(cutoff, c[d], d) + 1;
                    double cost = (double) n * share[0][s0] * share[1][s1] * share[2][s2] + BIN_VISIT_COST * visits;
                    if ((double) c[0] * c[1] * c[2] <= Math.max(64, 4.0 * n) && cost < best) {
                        best = cost;
                        System.arraycopy(c, 0, nb, 0, 3);
                    }
                }
            }
        }
        if (best == Double.POSITIVE_INFINITY) coarsen(n, counts); // a huge cell with few atoms
        for (int d = 0; d < 3; d++) reach[d] = reachOf(cutoff, nb[d], d);
        return (long) nb[0] * nb[1] * nb[2];
    }

    /** Fewest slabs (s = 1), halved along the longest direction until there are at most max(64, 4N) bins. */
    private void coarsen(int n, int[][] counts) {
        for (int d = 0; d < 3; d++) nb[d] = counts[d][0];
        while ((long) nb[0] * nb[1] * nb[2] > Math.max(64, 4L * n)) {
            int d = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : nb[1] >= nb[2] ? 1 : 2;
            nb[d] = Math.max(1, nb[d] / 2);
        }
    }

    private int reachOf(double cutoff, int slabs, int d) {
        return (int) Math.ceil(cutoff * slabs / g.thickness(d));
    }

    /**
     * Along direction d with the given slabs and reach: the mean number of (atom, offset) candidates an
     * atom meets per atom of the cell, from the atoms' distribution over the slabs.
     */
    private static double pairShare(double[] frac, int d, int slabs, int reach) {
        int n = frac.length / 3;
        long[] hist = new long[slabs];
        for (int i = 0; i < n; i++) hist[slab(frac[3 * i + d], slabs)]++;
        double pairs = 0;
        for (int b = 0; b < slabs; b++) {
            if (hist[b] == 0) continue;
            long seen = 0;
            for (int o = -reach; o <= reach; o++) seen += hist[Math.floorMod(b + o, slabs)];
            pairs += (double) hist[b] * seen;
        }
        return pairs / ((double) n * n);
    }

    /**
     * Sets buf to the forward entries of atom i within the cutoff: every (j, image) with j &gt; i, and
     * atom i's own images whose cell offset is lexicographically positive.
     */
    void collectForward(int i, double cutoff, PeriodicNeighbors.PairBuffer buf) {
        buf.clear();
        double rc2 = cutoff * cutoff;
        int c = binOf[i];
        int b0 = c / (nb[1] * nb[2]), b1 = (c / nb[2]) % nb[1], b2 = c % nb[2];
        double xi = wrapped[3 * i], yi = wrapped[3 * i + 1], zi = wrapped[3 * i + 2];
        for (int d0 = -reach[0]; d0 <= reach[0]; d0++) {
            int ia = Math.floorDiv(b0 + d0, nb[0]), c0 = Math.floorMod(b0 + d0, nb[0]);
            for (int d1 = -reach[1]; d1 <= reach[1]; d1++) {
                int ib = Math.floorDiv(b1 + d1, nb[1]), c1 = Math.floorMod(b1 + d1, nb[1]);
                for (int d2 = -reach[2]; d2 <= reach[2]; d2++) {
                    int ic = Math.floorDiv(b2 + d2, nb[2]), c2 = Math.floorMod(b2 + d2, nb[2]);
                    int bin = (c0 * nb[1] + c1) * nb[2] + c2;
                    PeriodicNeighbors.checkImage(ia, ib, ic);
                    boolean positive = ia > 0 || (ia == 0 && (ib > 0 || (ib == 0 && ic > 0)));
                    scan(bin, positive ? i : i + 1, ia, ib, ic, xi, yi, zi, rc2, buf);
                }
            }
        }
    }

    /**
     * Appends the atoms j ≥ minAtom of one bin seen through periodic image (ia, ib, ic) that lie within
     * the cutoff; written without a branch on the test (each candidate is stored, the count advances if
     * it passes). The displacement is (x_j − x_i) + image offset, the pair seen from j being its exact
     * negative.
     */
    private void scan(int bin, int minAtom, int ia, int ib, int ic, double xi, double yi, double zi, double rc2,
                      PeriodicNeighbors.PairBuffer buf) {
        double sx = g.cartesian(ia, ib, ic, 0), sy = g.cartesian(ia, ib, ic, 1), sz = g.cartesian(ia, ib, ic, 2);
        int from = binStart[bin], end = binStart[bin + 1];
        buf.reserve(end - from);
        int[] atoms = buf.atoms;
        double[] d = buf.d;
        int n = buf.n;
        for (int q = from; q < end; q++) {
            double dx = (bx[q] - xi) + sx;
            double dy = (by[q] - yi) + sy;
            double dz = (bz[q] - zi) + sz;
            int j = binAtoms[q];
            atoms[n] = j;
            d[3 * n] = dx;
            d[3 * n + 1] = dy;
            d[3 * n + 2] = dz;
            n += (dx * dx + dy * dy + dz * dz < rc2) & (j >= minAtom) ? 1 : 0;
        }
        buf.n = n;
    }
}
