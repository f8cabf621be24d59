package io.ionflow.analyze.inm;

import io.ionflow.simulate.structure.Box;

/**
 * Cation–anion separation of a configuration: the partial pair distribution g_AB(r) and the mean
 * distance from each cation to its nearest anion, plus a Pearson correlation helper to relate the
 * latter to a per-snapshot mode quantity (e.g. {@link ModeProjection.Split#stableAmplitude()}).
 */
public final class CationAnionSeparation {
    private CationAnionSeparation() {}

    /**
     * A partial pair distribution function.
     *
     * @param rA    bin centres, Å
     * @param g     g_AB(r) (→ 1 for an ideal gas)
     * @param binA  bin width, Å
     * @param pairs pairs (with images) counted below r_max
     */
    public record Rdf(double[] rA, double[] g, double binA, long pairs) {}

    /**
     * g_AB(r) = n_AB(r, r+dr) / (N_A · ρ_B · 4π/3 [(r+dr)³ − r³]), ρ_B = N_B / V, counting every B atom and
     * every periodic image of it within r_max of each A atom (r_max may exceed half the box). For A = B an
     * atom's own images are counted (they are real neighbours in the periodic crystal) but not the atom
     * itself.
     *
     * @param positions 3N positions, Å (wrapped or not)
     * @param types     species per atom
     * @param typeA     centre species
     * @param typeB     neighbour species
     * @param box       the orthorhombic cell
     * @param rMaxA     largest distance, Å
     * @param binA      bin width, Å
     */
    public static Rdf rdf(double[] positions, int[] types, int typeA, int typeB, Box box, double rMaxA, double binA) {
        if (!(rMaxA > 0) || !(binA > 0)) {
            throw new IllegalArgumentException("r_max and bin width must be > 0");
        }
        int nb = (int) Math.ceil(rMaxA / binA - 1e-9);
        double rMax = nb * binA;
        double[] hist = new double[nb];
        int[] as = io.ionflow.analyze.Species.atomsOf(types, typeA);
        int[] bs = io.ionflow.analyze.Species.atomsOf(types, typeB);
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        int mx = (int) Math.ceil(rMax / lx), my = (int) Math.ceil(rMax / ly), mz = (int) Math.ceil(rMax / lz);
        double rMax2 = rMax * rMax;
        long pairs = 0;
        for (int i : as) {
            for (int j : bs) {
                double bx = wrapDelta(positions[3 * j] - positions[3 * i], lx);
                double by = wrapDelta(positions[3 * j + 1] - positions[3 * i + 1], ly);
                double bz = wrapDelta(positions[3 * j + 2] - positions[3 * i + 2], lz);
                for (int ix = -mx; ix <= mx; ix++) {
                    for (int iy = -my; iy <= my; iy++) {
                        for (int iz = -mz; iz <= mz; iz++) {
                            if (i == j && ix == 0 && iy == 0 && iz == 0) {
                                continue;
                            }
                            double dx = bx + ix * lx, dy = by + iy * ly, dz = bz + iz * lz;
                            double r2 = dx * dx + dy * dy + dz * dz;
                            if (r2 < rMax2) {
                                int b = (int) (Math.sqrt(r2) / binA);
                                if (b < nb) {
                                    hist[b]++;
                                    pairs++;
                                }
                            }
                        }
                    }
                }
            }
        }
        double rho = bs.length / box.volume();
        double[] r = new double[nb], g = new double[nb];
        for (int b = 0; b < nb; b++) {
            double r0 = b * binA, r1 = (b + 1) * binA;
            r[b] = 0.5 * (r0 + r1);
            double shell = 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
            g[b] = as.length == 0 ? 0 : hist[b] / (as.length * rho * shell);
        }
        return new Rdf(r, g, binA, pairs);
    }

    /**
     * Mean over cations of the distance to the nearest anion (any periodic image), Å.
     *
     * @param positions 3N positions, Å
     * @param types     species per atom
     * @param cation    cation species id
     * @param anion     anion species id
     * @param box       the cell
     */
    public static double meanNearestDistance(double[] positions, int[] types, int cation, int anion, Box box) {
        double[] d = nearestDistances(positions, types, cation, anion, box);
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / d.length;
    }

    /** Distance from each cation (ascending atom index) to its nearest anion, Å. */
    public static double[] nearestDistances(double[] positions, int[] types, int cation, int anion, Box box) {
        int[] cs = io.ionflow.analyze.Species.atomsOf(types, cation);
        int[] as = io.ionflow.analyze.Species.atomsOf(types, anion);
        if (cs.length == 0 || as.length == 0) {
            throw new IllegalArgumentException("need at least one cation and one anion");
        }
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        double[] out = new double[cs.length];
        for (int q = 0; q < cs.length; q++) {
            int i = cs[q];
            double best = Double.POSITIVE_INFINITY;
            for (int j : as) {
                double bx = wrapDelta(positions[3 * j] - positions[3 * i], lx);
                double by = wrapDelta(positions[3 * j + 1] - positions[3 * i + 1], ly);
                double bz = wrapDelta(positions[3 * j + 2] - positions[3 * i + 2], lz);
                for (int ix = -1; ix <= 1; ix++) {
                    for (int iy = -1; iy <= 1; iy++) {
                        for (int iz = -1; iz <= 1; iz++) {
                            double dx = bx + ix * lx, dy = by + iy * ly, dz = bz + iz * lz;
                            best = Math.min(best, dx * dx + dy * dy + dz * dz);
                        }
                    }
                }
            }
            out[q] = Math.sqrt(best);
        }
        return out;
    }

    /** Pearson correlation coefficient of two equally long series (NaN if either is constant). */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("Pearson r needs two series of equal length >= 2");
        }
        double mx = 0, my = 0;
        for (int k = 0; k < x.length; k++) {
            mx += x[k];
            my += y[k];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < x.length; k++) {
            double a = x[k] - mx, b = y[k] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * Pearson r between a per-snapshot separation (e.g. {@link #meanNearestDistance}) and the stable-mode
     * amplitude {@link ModeProjection.Split#stableAmplitude()} of the same snapshots.
     */
    public static double correlateWithStableAmplitude(double[] separationA, ModeProjection.Split[] splits) {
        if (separationA.length != splits.length) {
            throw new IllegalArgumentException(separationA.length + " separations for " + splits.length + " splits");
        }
        double[] amp = new double[splits.length];
        for (int k = 0; k < amp.length; k++) {
            amp[k] = splits[k].stableAmplitude();
        }
        return pearson(separationA, amp);
    }

    /** d − L·round(d/L): the minimum-image component. */
    private static double wrapDelta(double d, double l) {
        return d - l * Math.rint(d / l);
    }
}
