package io.ionflow.simulate.neighbor;

/**
 * Atoms of a periodic cell of any shape sorted into slabs of fractional coordinates (see
 * {@link PeriodicNeighbors}), with their wrapped Cartesian positions.
 */
final class Bins {
    private final CellGeometry g;
    private final int[] nb = new int[3];
    private final int[] reach = new int[3];
    private final int[] binOf;
    private final int[] binStart;
    private final int[] binAtoms;
    private final double[] wrapped;

    Bins(CellGeometry g, double[] positions, double cutoff) {
        this.g = g;
        int n = positions.length / 3;
        long total = 1;
        for (int d = 0; d < 3; d++) {
            nb[d] = (int) Math.max(1, Math.min(1 << 20, Math.floor(g.thickness(d) / cutoff)));
            reach[d] = (int) Math.ceil(cutoff * nb[d] / g.thickness(d));
            total *= nb[d];
        }
        while (total > Math.max(64, 4L * n)) { // a huge cell with few atoms: coarser slabs, same correctness
            int d = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : nb[1] >= nb[2] ? 1 : 2;
            total /= nb[d];
            nb[d] = Math.max(1, nb[d] / 2);
            total *= nb[d];
            reach[d] = (int) Math.ceil(cutoff * nb[d] / g.thickness(d));
        }
        binOf = new int[n];
        wrapped = new double[3 * n];
        int[] count = new int[(int) total + 1];
        for (int i = 0; i < n; i++) {
            int[] b = new int[3];
            double[] s = new double[3];
            for (int k = 0; k < 3; k++) {
                double f = g.fractional(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], k);
                if (!Double.isFinite(f)) throw new IllegalArgumentException("atom " + i + " has a non-finite position");
                f -= Math.floor(f);
                if (f >= 1) f = 0;
                s[k] = f;
                b[k] = Math.min(nb[k] - 1, (int) (f * nb[k]));
            }
            for (int d = 0; d < 3; d++) wrapped[3 * i + d] = g.cartesian(s[0], s[1], s[2], d);
            binOf[i] = (b[0] * nb[1] + b[1]) * nb[2] + b[2];
            count[binOf[i] + 1]++;
        }
        for (int c = 0; c < total; c++) count[c + 1] += count[c];
        binStart = count.clone();
        binAtoms = new int[n];
        int[] fill = count.clone();
        for (int i = 0; i < n; i++) binAtoms[fill[binOf[i]]++] = i;
    }

    /**
     * The displacement of atom j's image (ia, ib, ic) from atom i, computed exactly as in {@link #collect}
     * so that the pair seen from j is bit for bit the negative.
     */
    void displacement(int i, int j, int ia, int ib, int ic, double[] out) {
        for (int d = 0; d < 3; d++) out[d] = (wrapped[3 * j + d] - wrapped[3 * i + d]) + g.cartesian(ia, ib, ic, d);
    }

    /** Adds every (j, image) within the cutoff of atom i to buf (cleared first). */
    void collect(int i, double cutoff, PeriodicNeighbors.PairBuffer buf) {
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
                    double sx = g.cartesian(ia, ib, ic, 0), sy = g.cartesian(ia, ib, ic, 1), sz = g.cartesian(ia, ib, ic, 2);
                    int bin = (c0 * nb[1] + c1) * nb[2] + c2;
                    boolean home = ia == 0 && ib == 0 && ic == 0;
                    long image = PeriodicNeighbors.Key.of(0, ia, ib, ic);
                    for (int q = binStart[bin]; q < binStart[bin + 1]; q++) {
                        int j = binAtoms[q];
                        if (home && j == i) continue;
                        double dx = (wrapped[3 * j] - xi) + sx;
                        double dy = (wrapped[3 * j + 1] - yi) + sy;
                        double dz = (wrapped[3 * j + 2] - zi) + sz;
                        if (dx * dx + dy * dy + dz * dz < rc2) buf.add(((long) j << 33) | image);
                    }
                }
            }
        }
    }
}
