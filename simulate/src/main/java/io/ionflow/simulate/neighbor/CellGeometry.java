package io.ionflow.simulate.neighbor;

/**
 * A periodic cell of any shape: the row-major 3×3 matrix H whose rows are the cell vectors a, b, c (Å),
 * its inverse for fractional coordinates (r = Hᵀ s), its volume and the distances between opposite
 * faces (lattice-plane spacings), which bound how far a cutoff sphere reaches in cell units.
 */
public final class CellGeometry {
    private final double[] h;
    private final double[] inv;
    private final double volume;
    private final double[] thickness = new double[3];

    public CellGeometry(double[] cell) {
        if (cell == null || cell.length != 9) {
            throw new IllegalArgumentException("cell must have 9 entries (3×3 row-major), got " + (cell == null ? "none" : cell.length));
        }
        for (double v : cell) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("cell has a non-finite entry");
        }
        this.h = cell.clone();
        double det = h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) + h[2] * (h[3] * h[7] - h[4] * h[6]);
        this.volume = Math.abs(det);
        if (!(volume > 1e-9 * Math.pow(norm(0) * norm(1) * norm(2), 1.0))) {
            throw new IllegalArgumentException("cell vectors are linearly dependent (volume " + volume + " Å³)");
        }
        this.inv = new double[] {
            (h[4] * h[8] - h[5] * h[7]) / det, (h[2] * h[7] - h[1] * h[8]) / det, (h[1] * h[5] - h[2] * h[4]) / det,
            (h[5] * h[6] - h[3] * h[8]) / det, (h[0] * h[8] - h[2] * h[6]) / det, (h[2] * h[3] - h[0] * h[5]) / det,
            (h[3] * h[7] - h[4] * h[6]) / det, (h[1] * h[6] - h[0] * h[7]) / det, (h[0] * h[4] - h[1] * h[3]) / det};
        for (int d = 0; d < 3; d++) {
            int u = (d + 1) % 3, v = (d + 2) % 3;
            thickness[d] = volume / crossNorm(u, v);
        }
    }

    private double norm(int row) {
        return Math.sqrt(h[3 * row] * h[3 * row] + h[3 * row + 1] * h[3 * row + 1] + h[3 * row + 2] * h[3 * row + 2]);
    }

    private double crossNorm(int u, int v) {
        double x = h[3 * u + 1] * h[3 * v + 2] - h[3 * u + 2] * h[3 * v + 1];
        double y = h[3 * u + 2] * h[3 * v] - h[3 * u] * h[3 * v + 2];
        double z = h[3 * u] * h[3 * v + 1] - h[3 * u + 1] * h[3 * v];
        return Math.sqrt(x * x + y * y + z * z);
    }

    public double volume() { return volume; }

    /** Distance between the two faces of the cell parallel to the other two vectors of vector d (0 = a). */
    public double thickness(int d) { return thickness[d]; }

    /** Component d (0..2 = x, y, z) of cell vector v (0..2 = a, b, c), Å. */
    public double vector(int v, int d) { return h[3 * v + d]; }

    /** Fractional coordinate k of the Cartesian point (x, y, z). */
    public double fractional(double x, double y, double z, int k) {
        return x * inv[k] + y * inv[3 + k] + z * inv[6 + k];
    }

    /** Cartesian component d of the fractional point (sa, sb, sc). */
    public double cartesian(double sa, double sb, double sc, int d) {
        return sa * h[d] + sb * h[3 + d] + sc * h[6 + d];
    }
}
