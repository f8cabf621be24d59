package io.ionflow.analyze;

/**
 * A windowed mean-squared displacement averaged over all time origins and over a set of atoms.
 * Index m of every array is the lag m·dt (m = 0..maxLag). Arrays are returned live (no copy).
 */
public final class MsdResult {
    private final double dtPs;
    private final int nFrames;
    private final int nParticles;
    private final double[] total;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private double[][] groupMsd;
    private int[] groupAtoms;

    /**
     * @param dtPs       frame spacing, ps
     * @param nFrames    frames in the trajectory the MSD came from
     * @param nParticles independent particles averaged (atoms; 1 for a collective MSD)
     * @param total      MSD = x + y + z, Å² (or e²·Å² for a charge MSD)
     * @param x          x component, same unit
     * @param y          y component, same unit
     * @param z          z component, same unit
     */
    public MsdResult(double dtPs, int nFrames, int nParticles, double[] total, double[] x, double[] y, double[] z) {
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) {
            throw new IllegalArgumentException("frame spacing must be positive and finite, got " + dtPs + " ps");
        }
        if (total.length > nFrames || x.length != total.length || y.length != total.length || z.length != total.length) {
            throw new IllegalArgumentException("inconsistent MSD array lengths");
        }
        this.dtPs = dtPs;
        this.nFrames = nFrames;
        this.nParticles = nParticles;
        this.total = total;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /**
     * Attaches the MSDs of the jackknife groups of atoms ({@link AtomGroups}).
     *
     * @param msd   [group][lag] MSD of each group's atoms, Å² (null rows for empty groups)
     * @param atoms atoms per group
     * @return this
     */
    public MsdResult withGroups(double[][] msd, int[] atoms) {
        if (msd.length != atoms.length) {
            throw new IllegalArgumentException("one atom count per group needed");
        }
        this.groupMsd = msd;
        this.groupAtoms = atoms;
        return this;
    }

    /** @return [group][lag] MSD of each jackknife group of atoms, Å², or null when not known */
    public double[][] groupMsd() {
        return groupMsd;
    }

    /** @return atoms per jackknife group, or null when not known */
    public int[] groupAtoms() {
        return groupAtoms;
    }

    /** @return frame spacing, ps */
    public double dtPs() {
        return dtPs;
    }

    /** @return number of frames of the source trajectory */
    public int frames() {
        return nFrames;
    }

    /** @return number of independent particles averaged (atoms, or 1 for a collective MSD) */
    public int particles() {
        return nParticles;
    }

    /** @return largest lag, frames */
    public int maxLag() {
        return total.length - 1;
    }

    /** @return total MSD per lag, Å² */
    public double[] total() {
        return total;
    }

    /** @return x component of the MSD per lag, Å² */
    public double[] x() {
        return x;
    }

    /** @return y component of the MSD per lag, Å² */
    public double[] y() {
        return y;
    }

    /** @return z component of the MSD per lag, Å² */
    public double[] z() {
        return z;
    }

    /** @return lag times m·dt, ps */
    public double[] timesPs() {
        double[] t = new double[total.length];
        for (int m = 0; m < t.length; m++) {
            t[m] = m * dtPs;
        }
        return t;
    }
}
