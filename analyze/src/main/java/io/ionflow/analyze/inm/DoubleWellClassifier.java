package io.ionflow.analyze.inm;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Double-well versus shoulder classification of unstable instantaneous modes (Keyes, J. Phys. Chem. A
 * 101, 2921 (1997); La Nave, Scala, Starr, Sciortino and Stanley, PRL 84, 4605 (2000)): the
 * configuration is moved rigidly along the mode and the one-dimensional energy profile is inspected.
 *
 * <p><b>Exact rule used here.</b> For an unstable mode with mass-weighted unit eigenvector e, the
 * real-space direction is u_i = e_i / √m_i, rescaled so that the largest single-atom displacement
 * max_i |u_i| is 1 Å. The potential energy E(s) = E(x₀ + s·u) is evaluated with the full potential on
 * the grid s_j = j·Δs, j = −K..K, Δs = s_max / K (defaults s_max = {@value #DEFAULT_MAX_DISPLACEMENT} Å,
 * i.e. the most-moving atom travels up to ±2 Å — beyond the ≈ 1.6 Å from an 8c site to the 48i saddle of
 * α-Ag2Te — and K = {@value #DEFAULT_POINTS_PER_SIDE}). A grid point is a local minimum when it is
 * interior (|j| &lt; K) and strictly lower than both neighbours. The mode is a <b>double well</b> when
 * two local minima j₁ &lt; j₂ exist such that the highest energy between them exceeds the higher of the
 * two minima by at least ΔE_min (default {@value #DEFAULT_MIN_BARRIER} eV, far above round-off); otherwise
 * it is a <b>shoulder</b> (one minimum within the range, or none: the energy keeps falling to the end of
 * the range on one side). The rule needs only energies, so it works for any {@link Potential}.
 *
 * <p>Modes are independent and are spread over threads; each thread has its own copy of the structure
 * and its own neighbour list, so the potential's {@code compute} must be safe to call concurrently with
 * different neighbour lists (true of the IonFlow potentials, whose scratch state lives in the list's
 * buffers). Cost: 2K + 1 energy evaluations per mode.
 */
public final class DoubleWellClassifier {
    /** Default largest single-atom displacement along the mode, Å. */
    public static final double DEFAULT_MAX_DISPLACEMENT = 2.0;
    /** Default grid points on each side of s = 0. */
    public static final int DEFAULT_POINTS_PER_SIDE = 20;
    /** Default smallest barrier between two minima, eV. */
    public static final double DEFAULT_MIN_BARRIER = 1e-4;

    private DoubleWellClassifier() {}

    /** Classification of one unstable mode. */
    public enum Kind { DOUBLE_WELL, SHOULDER }

    /**
     * Parameters of the rule.
     *
     * @param maxDisplacementA s_max: the largest single-atom displacement at the end of the range, Å
     * @param pointsPerSide    K grid points on each side of the starting configuration
     * @param minBarrierEv     ΔE_min, eV
     */
    public record Rule(double maxDisplacementA, int pointsPerSide, double minBarrierEv) {
        public Rule {
            if (!(maxDisplacementA > 0) || pointsPerSide < 2 || !(minBarrierEv >= 0)) {
                throw new IllegalArgumentException("double-well rule needs s_max > 0, K >= 2, barrier >= 0; got "
                        + maxDisplacementA + ", " + pointsPerSide + ", " + minBarrierEv);
            }
        }

        /** The documented defaults. */
        public static Rule defaults() {
            return new Rule(DEFAULT_MAX_DISPLACEMENT, DEFAULT_POINTS_PER_SIDE, DEFAULT_MIN_BARRIER);
        }
    }

    /**
     * One energy profile.
     *
     * @param sA      grid s_j, Å (largest single-atom displacement, signed)
     * @param energyEv E(s_j) − E(0), eV
     * @param kind    classification
     */
    public record Profile(double[] sA, double[] energyEv, Kind kind) {}

    /**
     * Classifies the given modes.
     *
     * @param s       the configuration the modes were computed at (not modified)
     * @param p       its potential
     * @param modes   modes with eigenvectors
     * @param indices mode indices to classify (usually the unstable ones)
     * @param rule    the rule
     * @param threads worker threads (each mode is independent)
     * @return one kind per index, in order
     */
    public static Kind[] classify(Structure s, Potential p, InstantaneousModes modes, int[] indices, Rule rule,
                                  int threads) {
        modes.requireVectors();
        Kind[] out = new Kind[indices.length];
        if (indices.length == 0) {
            return out;
        }
        int nt = Math.max(1, Math.min(threads, indices.length));
        if (nt == 1) {
            Walker w = new Walker(s, p);
            for (int q = 0; q < indices.length; q++) {
                out[q] = w.profile(modes.vector(indices[q]), modes.masses(), rule).kind();
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nt, r -> {
            Thread t = new Thread(r, "ionflow-inm-dw");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < nt; c++) {
                int from = indices.length * c / nt, to = indices.length * (c + 1) / nt;
                fs.add(pool.submit(() -> {
                    Walker w = new Walker(s, p);
                    double[] m = modes.masses();
                    for (int q = from; q < to; q++) {
                        out[q] = w.profile(modes.vector(indices[q]), m, rule).kind();
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * The energy profile along one mass-weighted direction e (3N entries, any norm).
     */
    public static Profile profile(Structure s, Potential p, double[] e, double[] masses, Rule rule) {
        return new Walker(s, p).profile(e, masses, rule);
    }

    /** Applies the rule to a profile on a symmetric grid (see the class comment). */
    public static Kind classify(double[] energy, double minBarrierEv) {
        int n = energy.length;
        List<Integer> minima = new ArrayList<>();
        for (int j = 1; j < n - 1; j++) {
            if (energy[j] < energy[j - 1] && energy[j] < energy[j + 1]) {
                minima.add(j);
            }
        }
        for (int a = 0; a < minima.size(); a++) {
            for (int b = a + 1; b < minima.size(); b++) {
                int j1 = minima.get(a), j2 = minima.get(b);
                double top = Double.NEGATIVE_INFINITY;
                for (int j = j1 + 1; j < j2; j++) {
                    top = Math.max(top, energy[j]);
                }
                if (top - Math.max(energy[j1], energy[j2]) >= minBarrierEv) {
                    return Kind.DOUBLE_WELL;
                }
            }
        }
        return Kind.SHOULDER;
    }

    /** Per-thread state: a private copy of the structure and its neighbour list. */
    private static final class Walker {
        private final Structure base;
        private final Structure work;
        private final Potential p;
        private final NeighborList nl;
        private final Parallel par = Parallel.serial();
        private final double[] forces;

        Walker(Structure s, Potential p) {
            this.base = s;
            this.work = s.copy();
            this.p = p;
            this.nl = new NeighborList(p.cutoff(), 1.0);
            this.forces = new double[3 * s.size()];
        }

        Profile profile(double[] e, double[] m, Rule rule) {
            int n = m.length;
            double[] u = new double[3 * n];
            double maxLen = 0;
            for (int i = 0; i < n; i++) {
                double w = 1 / Math.sqrt(m[i]);
                u[3 * i] = e[3 * i] * w;
                u[3 * i + 1] = e[3 * i + 1] * w;
                u[3 * i + 2] = e[3 * i + 2] * w;
                maxLen = Math.max(maxLen, Math.sqrt(u[3 * i] * u[3 * i] + u[3 * i + 1] * u[3 * i + 1] + u[3 * i + 2] * u[3 * i + 2]));
            }
            if (!(maxLen > 0)) {
                throw new IllegalArgumentException("zero mode direction");
            }
            for (int k = 0; k < u.length; k++) {
                u[k] /= maxLen;
            }
            int kk = rule.pointsPerSide();
            double ds = rule.maxDisplacementA() / kk;
            double[] sg = new double[2 * kk + 1];
            double[] en = new double[2 * kk + 1];
            double[] x0 = base.positions();
            double[] x = work.positions();
            // walk outwards from s = 0 on each side so the neighbour list is rebuilt only as needed
            for (int side = 1; side >= -1; side -= 2) {
                System.arraycopy(x0, 0, x, 0, x.length);
                nl.build(work, par);
                for (int j = 0; j <= kk; j++) {
                    if (side < 0 && j == 0) {
                        continue;
                    }
                    double sv = side * j * ds;
                    for (int q = 0; q < x.length; q++) {
                        x[q] = x0[q] + sv * u[q];
                    }
                    nl.update(work, par);
                    sg[kk + side * j] = sv;
                    en[kk + side * j] = p.compute(work, nl, forces, null, par);
                }
            }
            double e0 = en[kk];
            for (int j = 0; j < en.length; j++) {
                en[j] -= e0;
            }
            return new Profile(sg, en, classify(en, rule.minBarrierEv()));
        }
    }
}
