package io.ionflow.analyze.fit;

import io.ionflow.analyze.fit.ConditionComparison.Mean;
import io.ionflow.analyze.fit.ConditionComparison.Ratio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * "Do anion vacancies raise D and f_u at a temperature?" answered from an archive's runs: at the temperature closest
 * to the target that has D of the species both for the pristine crystal (vacancy fraction 0) and for some vacancy
 * fraction &gt; 0, the highest vacancy fraction present there against 0 — D by the condition means of the fit rows,
 * f_u by the condition means of the per-run mode means — each as a {@link ConditionComparison} ratio with its
 * propagated error and verdict. Runs are grouped by their {@link Condition} (1 mK, 1e-6).
 *
 * @param temperatureK    the chosen temperature
 * @param vacancyFraction the compared (highest) vacancy fraction
 * @param d               D ratio (vacancy / pristine)
 * @param fu              f_u ratio, or null when the mode means lack either condition
 */
public record VacancyComparison(double temperatureK, double vacancyFraction, Ratio d, Ratio fu) {

    /**
     * @param rows       D rows (any species; those of {@code species} are used)
     * @param conditions run conditions (for the mode means)
     * @param modes      per-run mode means (may be empty)
     * @return the comparison, or null when no temperature has both pristine and vacancy rows of the species
     */
    public static VacancyComparison near(double targetK, List<FitRow> rows, Map<String, RunCondition> conditions,
                                         Map<String, ModeMean> modes, String species) {
        NavigableMap<Double, NavigableMap<Double, List<double[]>>> byT = byCondition(rows, species);
        NavigableMap<Double, Set<Double>> fractions = new TreeMap<>();
        byT.forEach((t, v) -> fractions.put(t, v.keySet()));
        Double bestT = ConditionComparison.closestTemperatureWithBoth(fractions, targetK);
        if (bestT == null) {
            return null;
        }
        NavigableMap<Double, List<double[]>> atT = byT.get(bestT);
        double vHi = atT.lastKey();
        Ratio d = Ratio.of(Mean.of(atT.get(0.0)), Mean.of(atT.get(vHi)));
        return new VacancyComparison(bestT, vHi, d, fuRatio(modes, conditions, bestT, vHi));
    }

    /**
     * The species whose D the comparison is about: Ag in an archive that has Ag (the question of α-Ag2Te), else the
     * species of the rows with the largest median D (the most mobile one); null when there are no rows.
     *
     * @param species every species of the archive
     * @param rows    the rows a fit may use (diffusive D only)
     */
    public static String mobileSpecies(Collection<String> species, List<FitRow> rows) {
        if (species.contains("Ag")) {
            return "Ag";
        }
        Map<String, List<Double>> d = new TreeMap<>();
        for (FitRow r : rows) d.computeIfAbsent(r.species(), k -> new ArrayList<>()).add(r.dCm2s());
        String best = null;
        double bestMedian = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<Double>> e : d.entrySet()) {
            double[] sorted = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            if (median > bestMedian) {
                best = e.getKey();
                bestMedian = median;
            }
        }
        return best;
    }

    /** The temperatures (rounded to 1 mK) at which the species has D rows, in order. */
    public static Set<Double> temperatures(List<FitRow> rows, String species) {
        return byCondition(rows, species).keySet();
    }

    /** temperature → vacancy fraction → (D, σ_D) of the species' rows. */
    private static NavigableMap<Double, NavigableMap<Double, List<double[]>>> byCondition(List<FitRow> rows,
                                                                                          String species) {
        NavigableMap<Double, NavigableMap<Double, List<double[]>>> byT = new TreeMap<>();
        for (FitRow r : rows) {
            if (!r.species().equals(species)) continue;
            Condition c = Condition.of(r.temperatureK(), r.vacancyFraction());
            byT.computeIfAbsent(c.temperatureK(), k -> new TreeMap<>())
                    .computeIfAbsent(c.vacancyFraction(), k -> new ArrayList<>())
                    .add(new double[] {r.dCm2s(), r.dErrCm2s()});
        }
        return byT;
    }

    /**
     * The f_u ratio (vacancy / pristine) of the condition means ({@link ConditionMeans#ofModes}) at the compared
     * conditions, or null when either has none or the pristine mean is not positive.
     */
    private static Ratio fuRatio(Map<String, ModeMean> modes, Map<String, RunCondition> conditions, double t,
                                 double vHi) {
        Mean f0 = null;
        Mean fv = null;
        for (ConditionMeans.ModeConditionMean m : ConditionMeans.ofModes(modes.values(), conditions)) {
            Condition c = m.condition();
            if (c.temperatureK() == t && c.vacancyFraction() == 0.0) f0 = m.fU();
            else if (c.temperatureK() == t && c.vacancyFraction() == vHi) fv = m.fU();
        }
        return f0 == null || fv == null || f0.value() <= 0 ? null : Ratio.of(f0, fv);
    }
}
