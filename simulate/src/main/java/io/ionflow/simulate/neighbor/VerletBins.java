package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.structure.Box;

/**
 * Wrapped atoms sorted into a grid of bins at least (rc + skin)/2 wide ({@code sub} = 2), so every partner of an
 * atom lies in the bins at most {@code sub} steps away from its own. Within a bin the atoms keep increasing index order, and
 * their coordinates are copied in bin order, so a search reads them sequentially. With {@code sub} = 2 the bins
 * searched around an atom cover ≈ 0.4× the volume of the 27 bins of width rc + skin (less after skipping the
 * bins out of reach), which matters most in small boxes, where 3 bins of rc + skin span the whole box.
 */
final class VerletBins {
    final int sub;
    final int nx, ny, nz;
    final double wx, wy, wz;
    /** Atoms of bin b are {@code atom[binStart[b]] .. atom[binStart[b + 1] - 1]}. */
    final int[] binStart;
    final int[] atom;
    /** Wrapped coordinates in bin order: {@code coord[3p..3p+2]} belong to {@code atom[p]}. */
    final double[] coord;
    final int[] binOf;

    private VerletBins(Box box, double[] u, int n, int sub, int nx, int ny, int nz) {
        this.sub = sub;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.wx = box.lx() / nx;
        this.wy = box.ly() / ny;
        this.wz = box.lz() / nz;
        int nbins = nx * ny * nz;
        binOf = new int[n];
        binStart = new int[nbins + 1];
        for (int i = 0; i < n; i++) {
            int cx = Math.min(nx - 1, (int) (u[3 * i] / box.lx() * nx));
            int cy = Math.min(ny - 1, (int) (u[3 * i + 1] / box.ly() * ny));
            int cz = Math.min(nz - 1, (int) (u[3 * i + 2] / box.lz() * nz));
            binOf[i] = (cx * ny + cy) * nz + cz;
            binStart[binOf[i] + 1]++;
        }
        for (int b = 0; b < nbins; b++) binStart[b + 1] += binStart[b];
        int[] fill = java.util.Arrays.copyOf(binStart, nbins);
        atom = new int[n];
        coord = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int p = fill[binOf[i]]++;
            atom[p] = i;
            coord[3 * p] = u[3 * i];
            coord[3 * p + 1] = u[3 * i + 1];
            coord[3 * p + 2] = u[3 * i + 2];
        }
    }

    /**
     * Bins of at least rl/2 for wrapped coordinates {@code u} and list radius {@code rl}, searched ±2 bins around each
     * atom; null when the box holds fewer than 5 such bins in some direction (shorter than 2.5 rl: then no bin search
     * can tell the periodic images apart).
     */
    static VerletBins of(Box box, double[] u, int n, double rl) {
        int sub = 2;
        int nx = (int) Math.floor(box.lx() * sub / rl), ny = (int) Math.floor(box.ly() * sub / rl);
        int nz = (int) Math.floor(box.lz() * sub / rl);
        if (nx < 2 * sub + 1 || ny < 2 * sub + 1 || nz < 2 * sub + 1) return null;
        return new VerletBins(box, u, n, sub, nx, ny, nz);
    }

    /**
     * Smallest distance along one axis from a point at {@code offset} inside its bin (width {@code w}) to the slab of
     * the bin {@code d} steps away (0 for its own bin).
     */
    static double gap(int d, double offset, double w) {
        if (d > 0) return (d - 1) * w + Math.max(0, w - offset);
        if (d < 0) return (-d - 1) * w + Math.max(0, offset);
        return 0;
    }
}
