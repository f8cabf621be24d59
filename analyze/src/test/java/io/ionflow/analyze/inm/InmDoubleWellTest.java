package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.inm.DoubleWellClassifier.Kind;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

/** The double-well / shoulder rule on model profiles and on an Ag atom placed at the saddle between two 8c sites. */
class InmDoubleWellTest {

    static double[] profile(java.util.function.DoubleUnaryOperator e) {
        int k = 20;
        double[] out = new double[2 * k + 1];
        for (int j = -k; j <= k; j++) {
            out[j + k] = e.applyAsDouble(j * 0.1);
        }
        return out;
    }

    @Test
    void ruleOnModelProfiles() {
        // symmetric quartic double well, minima at s = ±1, barrier 0.05 eV
        assertEquals(Kind.DOUBLE_WELL, DoubleWellClassifier.classify(profile(s -> 0.05 * (s * s - 1) * (s * s - 1)), 1e-4));
        // asymmetric double well (tilted): still two minima with a barrier
        assertEquals(Kind.DOUBLE_WELL,
                DoubleWellClassifier.classify(profile(s -> 0.05 * (s * s - 1) * (s * s - 1) + 0.01 * s), 1e-4));
        // shoulder: s = 0 beyond the inflection point of a Morse well (minimum at s = −1.2, inflection at
        // −1.2 + ln 2): negative curvature at 0 but a single minimum. (A quartic with negative curvature
        // at 0 always has two minima, so it cannot serve as a shoulder.)
        double[] shoulder = profile(s -> 0.5 * Math.pow(1 - Math.exp(-(s + 1.2)), 2));
        assertTrue(shoulder[21] + shoulder[19] - 2 * shoulder[20] < 0, "negative curvature at 0");
        assertEquals(Kind.SHOULDER, DoubleWellClassifier.classify(shoulder, 1e-4));
        // inverted parabola: no minimum within the range at all
        assertEquals(Kind.SHOULDER, DoubleWellClassifier.classify(profile(s -> -s * s), 1e-4));
        // a "second minimum" separated by a barrier below ΔE_min is noise, not a double well
        assertEquals(Kind.SHOULDER, DoubleWellClassifier.classify(profile(s -> 1e-6 * (s * s - 1) * (s * s - 1)), 1e-4));
    }

    /**
     * One Ag removed from its 8c site and a neighbouring Ag put half way between the two sites: the
     * hop coordinate is unstable, and moving along that mode gives two minima (the two sites).
     */
    @Test
    void agAtTheSaddleBetweenTwoSitesIsADoubleWell() {
        double a = InmFixtures.staticLatticeConstant();
        Structure full = InmFixtures.crystal(2, a, 0, 1);
        // Antifluorite order: Ag 0 at (¼,¼,¼)a and Ag 1 at (¾,¼,¼)a (cell 0); drop Ag 1, move Ag 0 to (½,¼,¼)a
        int n = full.size() - 1;
        int[] types = new int[n];
        double[] x = new double[3 * n];
        for (int i = 0, q = 0; i < full.size(); i++) {
            if (i == 1) {
                continue;
            }
            types[q] = full.type(i);
            System.arraycopy(full.positions(), 3 * i, x, 3 * q, 3);
            q++;
        }
        assertEquals(0.25 * a, x[0], 1e-12);
        assertEquals(0.75 * a, full.positions()[3], 1e-12);
        x[0] = 0.5 * a;
        Structure s = new Structure(full.speciesNames(), full.speciesMasses(), types, x, null, full.box());
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, InmFixtures.ag2te()), true);
        int[] unstable = InmAnalysis.unstableIndices(m);
        assertTrue(unstable.length >= 1, "the saddle must have an unstable mode");
        // the unstable mode with the largest x-weight on the saddle atom is the hop direction
        int hop = -1;
        double best = 0;
        for (int k : unstable) {
            double ex = m.vector(k)[0];
            if (ex * ex > best) {
                best = ex * ex;
                hop = k;
            }
        }
        assertTrue(best > 0.5, "the hop mode is dominated by the saddle atom moving along x, weight " + best);
        DoubleWellClassifier.Profile p = DoubleWellClassifier.profile(s, InmFixtures.ag2te(), m.vector(hop), m.masses(),
                DoubleWellClassifier.Rule.defaults());
        assertEquals(Kind.DOUBLE_WELL, p.kind());
        // mirror symmetry x → a − x of the configuration: the profile is even in s
        double[] e = p.energyEv();
        for (int j = 0; j < e.length; j++) {
            assertEquals(e[j], e[e.length - 1 - j], 1e-8, "even profile at " + p.sA()[j]);
        }
        // the minima lie between the saddle (s = 0) and the far side of the two sites
        int k = (e.length - 1) / 2;
        int argMin = k;
        for (int j = k; j < e.length; j++) {
            if (e[j] < e[argMin]) {
                argMin = j;
            }
        }
        double sMin = p.sA()[argMin];
        assertTrue(sMin > 0.3 && sMin < 1.9, "minimum at s = " + sMin + " Å");
        assertTrue(e[argMin] < -0.01, "the wells are at least 10 meV deep, got " + e[argMin]);
        // the same through the batch API, serial and threaded
        Kind[] kinds1 = DoubleWellClassifier.classify(s, InmFixtures.ag2te(), m, unstable, DoubleWellClassifier.Rule.defaults(), 1);
        Kind[] kinds2 = DoubleWellClassifier.classify(s, InmFixtures.ag2te(), m, unstable, DoubleWellClassifier.Rule.defaults(), 2);
        assertEquals(java.util.Arrays.asList(kinds1), java.util.Arrays.asList(kinds2));
        for (int q = 0; q < unstable.length; q++) {
            if (unstable[q] == hop) {
                assertEquals(Kind.DOUBLE_WELL, kinds1[q]);
            }
        }
    }
}
