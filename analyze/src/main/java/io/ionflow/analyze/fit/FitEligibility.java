package io.ionflow.analyze.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which diffusion rows a fit across runs may use: {@link #rows} joins the diffusion rows of one method with the run
 * conditions and mode means. Never a number the data cannot support: a species that does not diffuse in a run, a D
 * that is not positive or has no standard error, a run without a temperature is left out with one message naming
 * the run; mode quantities outside their valid range are dropped from the row.
 */
public final class FitEligibility {
    private FitEligibility() {}

    /**
     * Joins diffusion rows of one method with run conditions and mode means into fit rows.
     * Rows that a log-space fit cannot use are left out with a message naming the run: D ≤ 0 or not finite,
     * a missing or non-positive standard error, an unknown temperature. Mode quantities outside their valid
     * range (f_u = 0, …) are dropped from the row (it still takes part in the Arrhenius fit).
     *
     * @param species species to keep; empty = all
     */
    public static FitRows rows(List<DiffusionRow> diffusion, Map<String, RunCondition> runs, Map<String, ModeMean> modes,
                               String method, Set<String> species) {
        List<FitRow> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> notDiffusive = new TreeMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        int withoutModes = 0;
        for (DiffusionRow d : diffusion) {
            if (!d.method().equalsIgnoreCase(method)) continue;
            if (!species.isEmpty() && !species.contains(d.species())) continue;
            String who = "run " + d.runId() + " " + d.species();
            if (seen.put(d.runId() + "\u0000" + d.species(), Boolean.TRUE) != null) {
                skipped.add(who + ": a second " + method + " row for the same run and species; the first one is used");
                continue;
            }
            RunCondition rc = runs.get(d.runId());
            double t = rc != null ? rc.temperatureK() : d.temperatureK();
            double v = rc != null ? rc.vacancyFraction() : d.vacancyFraction();
            String skip = conditionProblem(who, t, v);
            String why = skip == null ? d.notDiffusive() : null;
            if (why != null) {
                skipped.add(who + ": not diffusive (" + why + "); withheld from every fit");
                notDiffusive.computeIfAbsent(Arrhenius.modelName(d.species(), v),
                        k -> new ArrayList<>()).add(d.runId() + " (" + String.format(Locale.ROOT, "%.0f", t) + " K): " + why);
                continue;
            }
            if (skip == null) skip = valueProblem(who, d);
            if (skip != null) {
                skipped.add(skip);
                continue;
            }
            FitRow r = withModes(FitRow.of(d.runId(), d.species(), t, v, d.dCm2s(), d.dErrCm2s()), modes.get(d.runId()), who,
                    notes);
            if (!Double.isFinite(r.fU())) withoutModes++;
            rows.add(r);
        }
        if (!modes.isEmpty() && withoutModes > 0) {
            notes.add(withoutModes + " of " + rows.size() + " rows have no f_u (their runs are not in the modes table)");
        }
        return new FitRows(rows, skipped, notes, notDiffusive);
    }

    /** Why a row cannot be placed in a series (no temperature, vacancy fraction outside [0, 1)), or null. */
    private static String conditionProblem(String who, double t, double v) {
        if (!(t > 0) || !Double.isFinite(t)) {
            return who + ": no temperature (the run is not in runs/ and the diffusion row has no temperature_k)";
        }
        if (!(v >= 0 && v < 1)) {
            return who + ": vacancy fraction unknown or outside [0, 1) (" + v + ")";
        }
        return null;
    }

    /** Why a log-space weighted fit cannot use the row's D (not positive, no standard error), or null. */
    private static String valueProblem(String who, DiffusionRow d) {
        if (!(d.dCm2s() > 0) || !Double.isFinite(d.dCm2s())) {
            return String.format(Locale.ROOT, "%s: D = %s cm²/s is not positive (non-diffusive?); left out of the "
                    + "log-space fits", who, d.dCm2s());
        }
        if (!(d.dErrCm2s() > 0) || !Double.isFinite(d.dErrCm2s())) {
            return who + ": the standard error of D (" + d.dErrCm2s() + ") is missing or not positive; a weighted fit"
                    + " cannot use the row";
        }
        return null;
    }

    /** The row with the run's mode means in their valid ranges (f_u and f_dw in (0, 1]); a note for an f_u outside. */
    private static FitRow withModes(FitRow r, ModeMean m, String who, List<String> notes) {
        if (m == null) return r;
        if (m.fU() > 0 && m.fU() <= 1) {
            double err = m.fUErr() >= 0 && Double.isFinite(m.fUErr()) ? m.fUErr() : Double.NaN;
            double mu = m.meanUnstableThz() > 0 && Double.isFinite(m.meanUnstableThz()) ? m.meanUnstableThz() : Double.NaN;
            r = r.withModes(m.fU(), err, mu);
        } else if (Double.isFinite(m.fU())) {
            notes.add(who + ": f_u = " + m.fU() + " is outside (0, 1]; the mode models leave the run out");
        }
        if (m.fDw() > 0 && m.fDw() <= 1) {
            double err = m.fDwErr() >= 0 && Double.isFinite(m.fDwErr()) ? m.fDwErr() : Double.NaN;
            r = r.withDoubleWell(m.fDw(), err);
        }
        return r;
    }

    /**
     * Best-known condition of every run: {@code runs/} first, then the diffusion table's own columns, then
     * report/modes.csv.
     */
    public static Map<String, RunCondition> conditions(Map<String, RunCondition> runs, List<DiffusionRow> diffusion,
                                                       Map<String, ModeMean> modes) {
        Map<String, RunCondition> out = new TreeMap<>(runs);
        for (DiffusionRow d : diffusion) {
            if (!out.containsKey(d.runId()) && d.temperatureK() > 0 && d.vacancyFraction() >= 0) {
                out.put(d.runId(), new RunCondition(d.runId(), d.temperatureK(), d.vacancyFraction(), 0));
            }
        }
        for (ModeMean m : modes.values()) {
            if (!out.containsKey(m.runId()) && m.temperatureK() > 0 && m.vacancyFraction() >= 0) {
                out.put(m.runId(), new RunCondition(m.runId(), m.temperatureK(), m.vacancyFraction(), 0));
            }
        }
        return out;
    }
}
