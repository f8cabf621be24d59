package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The random-walk covariance with closed-form sums on the straight part of the MSD model equals the plain sum over
 * every origin offset ({@link MsdCovariance#randomWalkDirect}) to round-off, for random MSD shapes (measured part
 * below a knot, positive or negative intercept, the clamp at zero), trajectory lengths and fitted lags, including
 * equal lags, lags next to each other and lags near T.
 */
class MsdCovarianceSumsTest {
    @Test
    void closedFormEqualsDirectSum() {
        SplittableRandom rnd = new SplittableRandom(42);
        int cases = 0;
        for (int rep = 0; rep < 300; rep++) {
            int t = 20 + rnd.nextInt(rep < 200 ? 400 : 4000);
            int knot = 1 + rnd.nextInt(Math.min(60, t / 2));
            double slope = 0.001 + rnd.nextDouble() * 0.5;
            double icpt = (rnd.nextDouble() - 0.3) * 40 * slope;
            double[] measured = new double[t];
            double acc = 0;
            for (int k = 1; k < t; k++) {
                acc += rnd.nextDouble() * 2 * slope;
                measured[k] = acc + (rnd.nextBoolean() ? rnd.nextDouble() * slope : 0);
            }
            MsdCovariance.Shape g = new MsdCovariance.Shape(measured, knot, icpt, slope);
            TreeSet<Integer> set = new TreeSet<>();
            int points = 2 + rnd.nextInt(12);
            int maxLag = 1 + rnd.nextInt(t - 1);
            while (set.size() < Math.min(points, maxLag)) {
                set.add(1 + rnd.nextInt(maxLag));
            }
            if (rnd.nextInt(4) == 0) {
                set.add(t - 1); // the longest lag: one origin
            }
            int[] lags = set.stream().mapToInt(Integer::intValue).toArray();
            int particles = 1 + rnd.nextInt(200);
            double[][] fast = MsdCovariance.randomWalk(g, t, lags, particles, 3);
            double[][] slow = MsdCovariance.randomWalkDirect(g, t, lags, particles, 3);
            for (int i = 0; i < lags.length; i++) {
                double scale = Math.sqrt(Math.abs(slow[i][i]));
                for (int j = 0; j < lags.length; j++) {
                    double tol = 1e-10 * Math.max(Math.abs(slow[i][j]), scale * Math.sqrt(Math.abs(slow[j][j])));
                    assertEquals(slow[i][j], fast[i][j], tol + 1e-300, String.format(
                            "T=%d knot=%d a=%g b=%g lags %d,%d: %s vs %s", t, knot, icpt, slope, lags[i], lags[j],
                            slow[i][j], fast[i][j]));
                    cases++;
                }
            }
        }
        assertTrue(cases > 3000, "cases " + cases);
    }
}
