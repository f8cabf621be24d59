package io.ionflow.simulate.bench;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.xyz.ExtxyzStructureReader;
import io.ionflow.simulate.xyz.XyzStructure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of the NEP style: energy + forces + virial evaluations of one structure repeated, in
 * atom-evaluations per second (atoms × evaluations / wall time, neighbour search included as in the
 * reference), on the structures of {@code ../shared/nep} whose reference C++ speed is known, and on the
 * same structure replicated to ≥ 10 000 atoms (time per atom must stay flat; the second thread should
 * pay).
 */
public final class NepBench {
    private NepBench() {}

    /** A model, its reference file, the structure used and the reference implementation's speed on one core. */
    public record Case(String model, String references, int structure, double referenceRate) {}

    public static final List<Case> CASES = List.of(
            new Case("C_2024_NEP4.txt", "C.reference.xyz", 0, 6.4e3),
            new Case("UNEP-v1.txt", "UNEP.reference.xyz", 0, 2.9e4),
            new Case("MoWSe_NEP3.txt", "MoWSe.reference.xyz", 0, 3.5e4),
            new Case("Si_2022_NEP4_3body.txt", "Si.reference.xyz", 0, 2.2e4));

    /** A structure ready for {@link Potential#evaluate}. */
    public record Cell(String tag, double[] cell, int[] types, double[] positions, List<String> species) {
        public int atoms() { return types.length; }
    }

    public static Cell load(Path dir, Case c) throws IOException {
        try (ExtxyzStructureReader r = ExtxyzStructureReader.open(dir.resolve(c.references()))) {
            XyzStructure s = null;
            for (int k = 0; k <= c.structure(); k++) s = r.next();
            List<String> species = Arrays.stream(s.species()).distinct().toList();
            int[] types = Arrays.stream(s.species()).mapToInt(species::indexOf).toArray();
            String tag = s.value("config_type") == null ? c.references() : s.value("config_type");
            return new Cell(tag, s.cell(), types, s.positions(), species);
        }
    }

    public static Potential potential(Path dir, Case c, Cell cell) {
        return PotentialStyles.load("nep", dir.resolve(c.model()), cell.species());
    }

    /** The cell repeated na × nb × nc times. */
    public static Cell replicate(Cell c, int na, int nb, int nc) {
        int n = c.atoms(), copies = na * nb * nc;
        double[] x = new double[3 * n * copies];
        int[] t = new int[n * copies];
        int k = 0;
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                for (int cc = 0; cc < nc; cc++) {
                    for (int i = 0; i < n; i++, k++) {
                        t[k] = c.types()[i];
                        for (int d = 0; d < 3; d++) {
                            x[3 * k + d] = c.positions()[3 * i + d] + a * c.cell()[d] + b * c.cell()[3 + d] + cc * c.cell()[6 + d];
                        }
                    }
                }
            }
        }
        double[] h = c.cell().clone();
        for (int d = 0; d < 3; d++) {
            h[d] *= na;
            h[3 + d] *= nb;
            h[6 + d] *= nc;
        }
        return new Cell(c.tag() + "×" + copies, h, t, x, c.species());
    }

    /** Smallest n with n³ copies holding at least {@code atoms} atoms. */
    public static int copiesFor(Cell c, int atoms) {
        int n = 1;
        while ((long) n * n * n * c.atoms() < atoms) n++;
        return n;
    }

    /** Atom-evaluations per second over about {@code seconds} of repeated evaluations, after a warm-up of the same length. */
    public static double rate(Potential p, Cell c, int threads, double seconds) {
        try (Parallel par = new Parallel(threads)) {
            run(p, c, par, seconds);
            return run(p, c, par, seconds);
        }
    }

    /**
     * 1- and 2-thread atom-evaluations per second, the two taking turns evaluation by evaluation for about
     * {@code seconds} in all (after one warm-up evaluation each): a change of the machine's speed within the round
     * hits both alike. Returns {1-thread rate, 2-thread rate}.
     */
    public static double[] interleavedRates(Potential p, Cell c, double seconds) {
        try (Parallel one = new Parallel(1); Parallel two = new Parallel(2)) {
            p.evaluate(c.cell(), c.types(), c.positions(), one);
            p.evaluate(c.cell(), c.types(), c.positions(), two);
            long t1 = 0, t2 = 0, evals = 0;
            do {
                long a = System.nanoTime();
                p.evaluate(c.cell(), c.types(), c.positions(), one);
                long b = System.nanoTime();
                p.evaluate(c.cell(), c.types(), c.positions(), two);
                t1 += b - a;
                t2 += System.nanoTime() - b;
                evals++;
            } while ((t1 + t2) < seconds * 1e9);
            return new double[] {evals * c.atoms() / (t1 * 1e-9), evals * c.atoms() / (t2 * 1e-9)};
        }
    }

    private static double run(Potential p, Cell c, Parallel par, double seconds) {
        long t0 = System.nanoTime();
        long evals = 0;
        do {
            p.evaluate(c.cell(), c.types(), c.positions(), par);
            evals++;
        } while (System.nanoTime() - t0 < seconds * 1e9);
        return evals * c.atoms() / ((System.nanoTime() - t0) * 1e-9);
    }

    /**
     * One-thread atom-evaluations per second of the calling thread's CPU time (after a warm-up): on a shared
     * machine the wall-time rate drops with the load, this one much less.
     */
    public static double cpuRate(Potential p, Cell c, double seconds) {
        java.lang.management.ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        Parallel serial = Parallel.serial();
        for (int pass = 0; ; pass++) {
            long c0 = tb.getCurrentThreadCpuTime();
            long evals = 0;
            do {
                p.evaluate(c.cell(), c.types(), c.positions(), serial);
                evals++;
            } while (tb.getCurrentThreadCpuTime() - c0 < seconds * 1e9);
            if (pass == 1) return evals * c.atoms() / ((tb.getCurrentThreadCpuTime() - c0) * 1e-9);
        }
    }

    public static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Median of the values. */
    public static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
    }
}
