package io.ionflow.simulate.structure;

/**
 * Orthorhombic periodic cell with edge lengths along x, y, z in Å. Triclinic cells are refused
 * by {@link #fromMatrix(double[])} with a clear message.
 */
public final class Box {
    private final double lx, ly, lz;

    public Box(double lx, double ly, double lz) {
        if (!(lx > 0 && ly > 0 && lz > 0) || !Double.isFinite(lx * ly * lz)) {
            throw new IllegalArgumentException("cell lengths must be positive and finite, got "
                    + lx + ", " + ly + ", " + lz + " Å");
        }
        this.lx = lx;
        this.ly = ly;
        this.lz = lz;
    }

    /** Builds a box from a row-major 3×3 cell matrix (rows are cell vectors); only diagonal cells. */
    public static Box fromMatrix(double[] m) {
        if (m == null || m.length != 9) {
            throw new IllegalArgumentException("cell must have 9 entries (3×3 row-major), got "
                    + (m == null ? "none" : m.length));
        }
        double tol = 1e-9 * Math.max(Math.abs(m[0]), Math.max(Math.abs(m[4]), Math.abs(m[8])));
        for (int k : new int[] {1, 2, 3, 5, 6, 7}) {
            if (Math.abs(m[k]) > tol) {
                throw new IllegalArgumentException("triclinic cells are not supported (off-diagonal cell"
                        + " element [" + (k / 3) + "][" + (k % 3) + "] = " + m[k]
                        + " Å); only orthorhombic cells");
            }
        }
        return new Box(m[0], m[4], m[8]);
    }

    public double lx() { return lx; }
    public double ly() { return ly; }
    public double lz() { return lz; }
    public double length(int dim) { return dim == 0 ? lx : dim == 1 ? ly : lz; }
    public double volume() { return lx * ly * lz; }
    public double minLength() { return Math.min(lx, Math.min(ly, lz)); }

    public Box scaled(double factor) { return new Box(lx * factor, ly * factor, lz * factor); }

    /** Row-major 3×3 matrix, the archive's {@code cell} column. */
    public double[] toMatrix() { return new double[] {lx, 0, 0, 0, ly, 0, 0, 0, lz}; }

    @Override
    public String toString() {
        return String.format("Box[%.6f × %.6f × %.6f Å]", lx, ly, lz);
    }
}
