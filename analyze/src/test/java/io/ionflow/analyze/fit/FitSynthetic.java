package io.ionflow.analyze.fit;

import java.util.SplittableRandom;

/** Seeded synthetic-data helpers for the fit tests. */
final class FitSynthetic {
    private FitSynthetic() {}

    /** Standard normal deviate (Box–Muller). */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
