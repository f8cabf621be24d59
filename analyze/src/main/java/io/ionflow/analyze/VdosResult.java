package io.ionflow.analyze;

/** A vibrational density of states (see {@link Vdos}); arrays are returned live. */
public final class VdosResult {
    private final double[] freqTHz;
    private final double[] total;
    private final double[][] partial;
    private final int[] atomsPerSpecies;

    /**
     * @param freqTHz         frequencies, THz
     * @param total           g(ν), states/THz, ∫ g dν = 3N
     * @param partial         per-species g_s(ν), states/THz ({@code null} for absent species)
     * @param atomsPerSpecies atoms of each species included
     */
    public VdosResult(double[] freqTHz, double[] total, double[][] partial, int[] atomsPerSpecies) {
        this.freqTHz = freqTHz;
        this.total = total;
        this.partial = partial;
        this.atomsPerSpecies = atomsPerSpecies;
    }

    /** @return frequencies, THz (1/ps) */
    public double[] frequenciesTHz() {
        return freqTHz;
    }

    /** @return total VDOS, states/THz */
    public double[] total() {
        return total;
    }

    /**
     * @param species species id
     * @return partial VDOS of that species, states/THz, or null
     */
    public double[] partial(int species) {
        return partial[species];
    }

    /**
     * @param species species id
     * @return atoms of that species included
     */
    public int atoms(int species) {
        return atomsPerSpecies[species];
    }

    /** @return frequency bin width, THz */
    public double binTHz() {
        return freqTHz[1] - freqTHz[0];
    }

    /**
     * @param g a VDOS array of this result (total or partial)
     * @return ∫ g dν over [0, ν_Nyquist] by the trapezoid rule, states
     */
    public double integral(double[] g) {
        return Vdos.trapezoid(g, binTHz());
    }

    /**
     * @param g a VDOS array of this result
     * @return frequency of its maximum, THz
     */
    public double peakTHz(double[] g) {
        int best = 0;
        for (int j = 1; j < g.length; j++) {
            if (g[j] > g[best]) {
                best = j;
            }
        }
        return freqTHz[best];
    }
}
