package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Units;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Harmonic oscillators of known frequency: the VDOS must peak there and integrate to 3N. */
class VdosTest {
    static final double DT_PS = 0.005;
    static final int FRAMES = 8000;
    static final int MAX_LAG = 2000; // bin = 1/(2·2000·0.005 ps) = 0.05 THz

    /** Oscillators with random phases per atom and axis, amplitudes giving m⟨v_x²⟩ = kT. */
    static Trajectory oscillators(SplittableRandom rng, double[] nuTHz, double[] massAmu, double kT) {
        int n = nuTHz.length;
        double[][][] v = new double[3][n][FRAMES];
        for (int a = 0; a < n; a++) {
            double w = 2 * Math.PI * nuTHz[a];
            double vAmp = Math.sqrt(2 * kT * Units.FORCE_TO_ACCEL / massAmu[a]); // Å/ps
            for (int c = 0; c < 3; c++) {
                double phi = 2 * Math.PI * rng.nextDouble();
                for (int f = 0; f < FRAMES; f++) {
                    v[c][a][f] = -vAmp * Math.sin(w * f * DT_PS + phi);
                }
            }
        }
        return new Trajectory(v[0], v[1], v[2]);
    }

    @Test
    void peaksAtTheOscillatorFrequenciesAndIntegratesTo3N() {
        int perSpecies = 8;
        int n = 2 * perSpecies;
        double nuA = 4.2;   // THz, species 0 (Te mass)
        double nuB = 1.337; // THz, species 1 (Ag mass), deliberately between bins
        double[] nu = new double[n];
        double[] mass = new double[n];
        int[] species = new int[n];
        for (int a = 0; a < n; a++) {
            species[a] = a < perSpecies ? 0 : 1;
            nu[a] = species[a] == 0 ? nuA : nuB;
            mass[a] = species[a] == 0 ? 127.60 : 107.8682;
        }
        Trajectory v = oscillators(new SplittableRandom(11), nu, mass, Units.KB * 600.0);
        VdosResult g = Vdos.of(v, v.allAtoms(), mass, species, DT_PS, MAX_LAG);

        double bin = g.binTHz();
        assertEquals(0.05, bin, 1e-12);
        assertEquals(1.0 / (2 * DT_PS), g.frequenciesTHz()[MAX_LAG], 1e-9, "last frequency is Nyquist");
        assertEquals(nuA, g.peakTHz(g.partial(0)), bin, "species 0 peak");
        assertEquals(nuB, g.peakTHz(g.partial(1)), bin, "species 1 peak");
        double totalPeak = g.peakTHz(g.total());
        assertTrue(Math.abs(totalPeak - nuA) <= bin || Math.abs(totalPeak - nuB) <= bin, "total peak " + totalPeak);

        assertEquals(3.0 * n, g.integral(g.total()), 1e-9 * n, "∫ g dν = 3N");
        // equipartition: each species carries 3 N_s states with the shared normalisation
        assertEquals(3.0 * perSpecies, g.integral(g.partial(0)), 0.02 * 3 * perSpecies);
        assertEquals(3.0 * perSpecies, g.integral(g.partial(1)), 0.02 * 3 * perSpecies);
        // the states sit in the peaks: > 90 % within ±5 bins of each frequency
        assertTrue(bandIntegral(g, g.partial(0), nuA, 5 * bin) > 0.9 * 3 * perSpecies);
        assertTrue(bandIntegral(g, g.partial(1), nuB, 5 * bin) > 0.9 * 3 * perSpecies);
    }

    @Test
    void singleOscillatorOffGridFrequency() {
        double nu = 7.77;
        Trajectory v = oscillators(new SplittableRandom(3), new double[] {nu}, new double[] {1.0}, 0.05);
        VdosResult g = Vdos.of(v, new int[] {0}, new double[] {1.0}, new int[] {0}, DT_PS, 400); // bin 0.25 THz
        assertEquals(nu, g.peakTHz(g.total()), g.binTHz());
        assertEquals(3.0, g.integral(g.total()), 1e-9);
    }

    private static double bandIntegral(VdosResult g, double[] y, double centre, double half) {
        double[] f = g.frequenciesTHz();
        double s = 0;
        for (int j = 0; j < f.length; j++) {
            if (Math.abs(f[j] - centre) <= half) {
                s += y[j] * g.binTHz();
            }
        }
        return s;
    }
}
