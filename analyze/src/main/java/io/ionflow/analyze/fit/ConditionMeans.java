package io.ionflow.analyze.fit;

import io.ionflow.analyze.fit.ConditionComparison.Mean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Means over the runs (replicas) of each {@link Condition}, with the propagated standard error √(Σσ²)/n of
 * {@link Mean}: the diffusion coefficients of each species and method, and the runs' unstable-mode fractions. A row
 * of a run whose condition is unknown is counted apart, never put into a condition.
 */
public final class ConditionMeans {
    private ConditionMeans() {}

    /**
     * D of one species and method at one condition.
     *
     * @param d         mean D over the condition's runs, cm²/s, with its propagated error (NaN when a run's is unknown)
     * @param diffusive how many of the {@code d.n()} runs were diffusive
     */
    public record DiffusionMean(String species, String method, Condition condition, Mean d, int diffusive) {}

    /**
     * @param means   sorted by species, method, then {@link Condition#ORDER}
     * @param unknown rows left out because their run's condition is unknown
     */
    public record DiffusionMeans(List<DiffusionMean> means, int unknown) {}

    /**
     * Mode statistics at one condition.
     *
     * @param fU              mean f_u with its propagated error, over the runs whose f_u is a fraction
     * @param meanUnstableThz plain mean of the runs' ⟨ν_u⟩ (THz) where known, else NaN
     * @param fDw             plain mean of the runs' f_dw where known, else NaN
     */
    public record ModeConditionMean(Condition condition, Mean fU, double meanUnstableThz, double fDw) {}

    /** D per species, method and condition; the runs' values in the order of {@code rows}. */
    public static DiffusionMeans ofDiffusion(List<DiffusionRow> rows, Map<String, RunCondition> conditions) {
        record Key(String species, String method, Condition condition) {}
        TreeMap<Key, List<DiffusionRow>> groups = new TreeMap<>(Comparator.comparing(Key::species)
                .thenComparing(Key::method).thenComparing(Key::condition, Condition.ORDER));
        int unknown = 0;
        for (DiffusionRow r : rows) {
            RunCondition rc = conditions.get(r.runId());
            if (rc == null) {
                unknown++;
            } else {
                groups.computeIfAbsent(new Key(r.species(), r.method(), Condition.of(rc)), k -> new ArrayList<>()).add(r);
            }
        }
        List<DiffusionMean> means = new ArrayList<>();
        groups.forEach((k, runs) -> {
            List<double[]> d = new ArrayList<>();
            int diffusive = 0;
            for (DiffusionRow r : runs) {
                d.add(new double[] {r.dCm2s(), r.dErrCm2s()});
                diffusive += r.notDiffusive() == null ? 1 : 0;
            }
            means.add(new DiffusionMean(k.species(), k.method(), k.condition(), Mean.of(d), diffusive));
        });
        return new DiffusionMeans(means, unknown);
    }

    /**
     * f_u, ⟨ν_u⟩ and f_dw per condition, sorted by {@link Condition#ORDER}; runs of unknown condition are left out,
     * the f_u mean takes the runs whose f_u is a fraction ({@link ModeMean#fuIsFraction}), and a condition with none
     * is left out.
     */
    public static List<ModeConditionMean> ofModes(Collection<ModeMean> modes, Map<String, RunCondition> conditions) {
        TreeMap<Condition, List<ModeMean>> groups = new TreeMap<>(Condition.ORDER);
        for (ModeMean m : modes) {
            RunCondition rc = conditions.get(m.runId());
            if (rc != null) {
                groups.computeIfAbsent(Condition.of(rc), k -> new ArrayList<>()).add(m);
            }
        }
        List<ModeConditionMean> out = new ArrayList<>();
        groups.forEach((c, runs) -> {
            List<double[]> fu = new ArrayList<>();
            for (ModeMean m : runs) {
                if (m.fuIsFraction()) {
                    fu.add(new double[] {m.fU(), m.fUErr()});
                }
            }
            if (!fu.isEmpty()) {
                out.add(new ModeConditionMean(c, Mean.of(fu), finiteMean(runs, ModeMean::meanUnstableThz),
                        finiteMean(runs, ModeMean::fDw)));
            }
        });
        return out;
    }

    private static double finiteMean(List<ModeMean> runs, java.util.function.ToDoubleFunction<ModeMean> value) {
        double sum = 0;
        int n = 0;
        for (ModeMean m : runs) {
            double v = value.applyAsDouble(m);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }
}
