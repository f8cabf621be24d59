package io.ionflow.analyze;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Vibrational density of states from the mass-weighted VACF.
 *
 * <p>G(ν) = 2 ∫₀^{t_max} w(t) Σ_i m_i ⟨v_i(0)·v_i(t)⟩ cos(2πνt) dt, with the half-Hann window
 * w(t) = ½[1 + cos(π t / t_max)] (w(0) = 1, w(t_max) = 0; it suppresses the truncation ripples at
 * the cost of a resolution of ≈ 2 bins). The cosine transform is the real FFT of the even extension
 * (length 2L, L = maxLag), giving ν_j = j / (2 L dt), j = 0..L, in THz (1/ps) up to the Nyquist
 * frequency 1/(2 dt). The total is normalised so that ∫₀^{ν_Nyq} g dν = 3N (trapezoid rule) for
 * the N atoms included; partial (per species) VDOS use the <em>same</em> factor, so they sum to the
 * total and each integrates to 3N_s·(m⟨v²⟩_s / m⟨v²⟩_all), i.e. to 3N_s under equipartition.
 */
public final class Vdos {
    private Vdos() {}

    /**
     * VDOS of a set of atoms, total and per species.
     *
     * @param velocities    velocities, Å/ps
     * @param atoms         atoms to include
     * @param massOfAtom    mass of each atom of {@code velocities}, amu
     * @param speciesOfAtom species id of each atom of {@code velocities}
     * @param dtPs          frame spacing, ps
     * @param maxLag        VACF length used, frames (≥ 1); the resolution is 1/(2·maxLag·dt) THz
     * @return frequencies (THz), total and partial g(ν) (states per THz)
     */
    public static VdosResult of(Trajectory velocities, int[] atoms, double[] massOfAtom, int[] speciesOfAtom,
                                double dtPs, int maxLag) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("VDOS needs maxLag ≥ 1, got " + maxLag);
        }
        int nSpecies = Species.count(speciesOfAtom);
        VacfAccumulator[] acc = new VacfAccumulator[nSpecies];
        int[] nOf = new int[nSpecies];
        for (int a : atoms) {
            int s = speciesOfAtom[a];
            if (acc[s] == null) {
                acc[s] = new VacfAccumulator(velocities.frames(), dtPs, maxLag, 1);
            }
            acc[s].add(velocities.x(a), velocities.y(a), velocities.z(a), massOfAtom[a]);
            nOf[s]++;
        }
        // mass-weighted sums Σ_i m_i C_i(t) per species, amu·Å²/ps²
        double[][] weighted = new double[nSpecies][];
        for (int s = 0; s < nSpecies; s++) {
            if (acc[s] == null) {
                continue;
            }
            VacfResult r = acc[s].result();
            double[] w = r.raw().clone();
            for (int m = 0; m < w.length; m++) {
                w[m] *= r.weightSum();
            }
            weighted[s] = w;
        }
        return fromWeightedSums(weighted, nOf, atoms.length, dtPs, maxLag);
    }

    /**
     * VDOS from per-species VACFs computed with unit weights (e.g. merged {@link VacfSums} of a
     * distributed job) when all atoms of a species share one mass: the mass-weighted sum of species
     * s is then m_s · N_s · C_s(t). Same window and normalisation as
     * {@link #of(Trajectory, int[], double[], int[], double, int)}.
     *
     * @param perSpecies    unit-weight VACF of each species ({@code null} for a species without atoms), all of
     *                      the same length and spacing
     * @param massOfSpecies mass of each species, amu
     * @return frequencies (THz), total and partial g(ν) (states per THz)
     */
    public static VdosResult ofSpecies(VacfResult[] perSpecies, double[] massOfSpecies) {
        int nSpecies = perSpecies.length;
        if (massOfSpecies.length != nSpecies) {
            throw new IllegalArgumentException("need one mass per species");
        }
        double[][] weighted = new double[nSpecies][];
        int[] nOf = new int[nSpecies];
        int nAtoms = 0;
        double dtPs = Double.NaN;
        int maxLag = -1;
        for (int s = 0; s < nSpecies; s++) {
            VacfResult r = perSpecies[s];
            if (r == null) {
                continue;
            }
            if (maxLag >= 0 && (r.raw().length - 1 != maxLag || r.dtPs() != dtPs)) {
                throw new IllegalArgumentException("species VACFs differ in length or spacing");
            }
            maxLag = r.raw().length - 1;
            dtPs = r.dtPs();
            double[] w = r.raw().clone();
            double f = massOfSpecies[s] * r.weightSum();
            for (int m = 0; m < w.length; m++) {
                w[m] *= f;
            }
            weighted[s] = w;
            nOf[s] = r.atoms();
            nAtoms += r.atoms();
        }
        if (maxLag < 1) {
            throw new IllegalArgumentException("VDOS needs at least one species VACF with maxLag ≥ 1");
        }
        return fromWeightedSums(weighted, nOf, nAtoms, dtPs, maxLag);
    }

    /** weighted[s][m] = Σ_{i∈s} m_i C_i(t_m) (null for absent species); normalised to 3·nAtoms states. */
    private static VdosResult fromWeightedSums(double[][] weighted, int[] nOf, int nAtoms, double dtPs, int maxLag) {
        int nSpecies = weighted.length;
        double c0 = 0;
        for (double[] w : weighted) {
            if (w != null) {
                c0 += w[0];
            }
        }
        if (!(c0 > 0)) {
            throw new IllegalArgumentException("all velocities are zero: VDOS undefined");
        }
        double[] total = new double[maxLag + 1];
        double[][] partial = new double[nSpecies][];
        for (int s = 0; s < nSpecies; s++) {
            if (weighted[s] != null) {
                partial[s] = cosineTransform(weighted[s], dtPs);
                for (int j = 0; j <= maxLag; j++) {
                    total[j] += partial[s][j];
                }
            }
        }
        double norm = 3.0 * nAtoms / trapezoid(total, frequencyStep(maxLag, dtPs));
        for (int j = 0; j <= maxLag; j++) {
            total[j] *= norm;
        }
        for (double[] p : partial) {
            if (p != null) {
                for (int j = 0; j <= maxLag; j++) {
                    p[j] *= norm;
                }
            }
        }
        return new VdosResult(frequencies(maxLag, dtPs), total, partial, nOf);
    }

    /**
     * Windowed (half-Hann) cosine transform G(ν_j) = 2 ∫ w(t) c(t) cos(2πν_j t) dt of a
     * correlation function sampled at t_m = m·dt, m = 0..L.
     *
     * @param c    correlation function, any unit U
     * @param dtPs sampling interval, ps
     * @return G at ν_j = j/(2 L dt), j = 0..L, unit U·ps
     */
    public static double[] cosineTransform(double[] c, double dtPs) {
        int l = c.length - 1;
        if (l < 1) {
            throw new IllegalArgumentException("need at least two lags for a spectrum");
        }
        int n = 2 * l;
        double[] e = new double[n];
        for (int m = 0; m <= l; m++) {
            e[m] = c[m] * hann(m, l);
        }
        for (int m = 1; m < l; m++) {
            e[n - m] = e[m];
        }
        DoubleFFT_1D fft = FftPlans.plan(n);
        fft.realForward(e);
        double[] g = new double[l + 1];
        g[0] = e[0] * dtPs;
        g[l] = e[1] * dtPs;
        for (int j = 1; j < l; j++) {
            g[j] = e[2 * j] * dtPs; // imaginary part vanishes for an even sequence
        }
        return g;
    }

    /**
     * @param m lag index
     * @param l last lag
     * @return half-Hann weight ½[1 + cos(π m / l)]
     */
    static double hann(int m, int l) {
        return 0.5 * (1.0 + Math.cos(Math.PI * m / l));
    }

    /**
     * @param maxLag VACF length, frames
     * @param dtPs   frame spacing, ps
     * @return ν_j = j / (2·maxLag·dt), j = 0..maxLag, THz
     */
    public static double[] frequencies(int maxLag, double dtPs) {
        double dnu = frequencyStep(maxLag, dtPs);
        double[] f = new double[maxLag + 1];
        for (int j = 0; j <= maxLag; j++) {
            f[j] = j * dnu;
        }
        return f;
    }

    /**
     * @param maxLag VACF length, frames
     * @param dtPs   frame spacing, ps
     * @return frequency bin width 1/(2·maxLag·dt), THz
     */
    public static double frequencyStep(int maxLag, double dtPs) {
        return 1.0 / (2.0 * maxLag * dtPs);
    }

    static double trapezoid(double[] y, double h) {
        double s = 0.5 * (y[0] + y[y.length - 1]);
        for (int i = 1; i < y.length - 1; i++) {
            s += y[i];
        }
        return s * h;
    }
}
