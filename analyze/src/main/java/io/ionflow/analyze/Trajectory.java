package io.ionflow.analyze;

/**
 * Positions (Å, unwrapped) or velocities (Å/ps) of a set of atoms, stored <b>per atom</b> as three
 * contiguous time series {@code x[atom][frame]}, {@code y[atom][frame]}, {@code z[atom][frame]}.
 *
 * <p>This is the layout the FFT kernels want (one contiguous series per atom and component). The
 * archive's long format (rows sorted by frame, then atom) arrives frame-major; convert it once
 * with {@link #fromFrameMajor(float[], int, int)}. Arrays are held, not copied.
 */
public final class Trajectory {
    private final double[][] x;
    private final double[][] y;
    private final double[][] z;
    private final int frames;

    /**
     * Wraps per-atom series (no copy).
     *
     * @param x x[atom][frame], Å or Å/ps
     * @param y y[atom][frame], same unit
     * @param z z[atom][frame], same unit
     * @throws IllegalArgumentException if the shapes differ or there are no atoms or frames
     */
    public Trajectory(double[][] x, double[][] y, double[][] z) {
        if (x.length == 0 || x.length != y.length || x.length != z.length) {
            throw new IllegalArgumentException("x, y, z must hold the same, non-zero number of atoms: "
                    + x.length + ", " + y.length + ", " + z.length);
        }
        int t = x[0].length;
        for (int a = 0; a < x.length; a++) {
            if (x[a].length != t || y[a].length != t || z[a].length != t) {
                throw new IllegalArgumentException("atom " + a + " has a different number of frames than atom 0 (" + t + ")");
            }
        }
        if (t == 0) {
            throw new IllegalArgumentException("trajectory has no frames");
        }
        this.x = x;
        this.y = y;
        this.z = z;
        this.frames = t;
    }

    /**
     * Transposes a frame-major block {@code xyz[(frame·nAtoms + atom)·3 + c]} (the archive's row
     * order) into per-atom series.
     *
     * @param xyz     values, Å or Å/ps, length nFrames·nAtoms·3
     * @param nFrames number of frames
     * @param nAtoms  number of atoms per frame
     * @return the per-atom trajectory
     */
    public static Trajectory fromFrameMajor(float[] xyz, int nFrames, int nAtoms) {
        checkBlock(xyz.length, nFrames, nAtoms);
        double[][] x = new double[nAtoms][nFrames];
        double[][] y = new double[nAtoms][nFrames];
        double[][] z = new double[nAtoms][nFrames];
        for (int f = 0; f < nFrames; f++) {
            int base = f * nAtoms * 3;
            for (int a = 0; a < nAtoms; a++) {
                int i = base + 3 * a;
                x[a][f] = xyz[i];
                y[a][f] = xyz[i + 1];
                z[a][f] = xyz[i + 2];
            }
        }
        return new Trajectory(x, y, z);
    }

    /**
     * Same as {@link #fromFrameMajor(float[], int, int)} for double input.
     *
     * @param xyz     values, Å or Å/ps, length nFrames·nAtoms·3
     * @param nFrames number of frames
     * @param nAtoms  number of atoms per frame
     * @return the per-atom trajectory
     */
    public static Trajectory fromFrameMajor(double[] xyz, int nFrames, int nAtoms) {
        checkBlock(xyz.length, nFrames, nAtoms);
        double[][] x = new double[nAtoms][nFrames];
        double[][] y = new double[nAtoms][nFrames];
        double[][] z = new double[nAtoms][nFrames];
        for (int f = 0; f < nFrames; f++) {
            int base = f * nAtoms * 3;
            for (int a = 0; a < nAtoms; a++) {
                int i = base + 3 * a;
                x[a][f] = xyz[i];
                y[a][f] = xyz[i + 1];
                z[a][f] = xyz[i + 2];
            }
        }
        return new Trajectory(x, y, z);
    }

    /**
     * Converts a {@code pos[frame][atom][xyz]} array.
     *
     * @param pos values, Å or Å/ps
     * @return the per-atom trajectory
     */
    public static Trajectory fromFrames(double[][][] pos) {
        int nFrames = pos.length;
        if (nFrames == 0) {
            throw new IllegalArgumentException("trajectory has no frames");
        }
        int nAtoms = pos[0].length;
        double[][] x = new double[nAtoms][nFrames];
        double[][] y = new double[nAtoms][nFrames];
        double[][] z = new double[nAtoms][nFrames];
        for (int f = 0; f < nFrames; f++) {
            if (pos[f].length != nAtoms) {
                throw new IllegalArgumentException("frame " + f + " has " + pos[f].length + " atoms, frame 0 has " + nAtoms);
            }
            for (int a = 0; a < nAtoms; a++) {
                x[a][f] = pos[f][a][0];
                y[a][f] = pos[f][a][1];
                z[a][f] = pos[f][a][2];
            }
        }
        return new Trajectory(x, y, z);
    }

    private static void checkBlock(int len, int nFrames, int nAtoms) {
        if (nFrames <= 0 || nAtoms <= 0 || (long) nFrames * nAtoms * 3 != len) {
            throw new IllegalArgumentException("block of length " + len + " is not nFrames·nAtoms·3 = "
                    + nFrames + "·" + nAtoms + "·3");
        }
    }

    /** @return number of atoms */
    public int atoms() {
        return x.length;
    }

    /** @return number of frames */
    public int frames() {
        return frames;
    }

    /**
     * @param atom atom index
     * @return the x series of that atom (live array, Å or Å/ps)
     */
    public double[] x(int atom) {
        return x[atom];
    }

    /**
     * @param atom atom index
     * @return the y series of that atom (live array, Å or Å/ps)
     */
    public double[] y(int atom) {
        return y[atom];
    }

    /**
     * @param atom atom index
     * @return the z series of that atom (live array, Å or Å/ps)
     */
    public double[] z(int atom) {
        return z[atom];
    }

    /**
     * @param atom      atom index
     * @param component 0 = x, 1 = y, 2 = z
     * @return the series (live array, Å or Å/ps)
     */
    public double[] component(int atom, int component) {
        switch (component) {
            case 0: return x[atom];
            case 1: return y[atom];
            case 2: return z[atom];
            default: throw new IllegalArgumentException("component must be 0, 1 or 2, got " + component);
        }
    }

    /** @return all atoms' indices 0..atoms()-1 */
    public int[] allAtoms() {
        int[] a = new int[atoms()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }
}
