package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.ConditionComparison;
import io.ionflow.analyze.fit.ConditionComparison.Mean;
import io.ionflow.analyze.fit.ConditionComparison.Ratio;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "Do Te vacancies raise D_Ag and f_u at 500 K in this archive?"
 *
 * <p>The temperature is the one closest to 500 K at which the archive has D of the species both for the
 * pristine crystal (vacancy fraction 0) and for some vacancy fraction &gt; 0; the comparison is the highest
 * vacancy fraction present at that temperature against 0, by the condition means, ratio and verdict of
 * {@link ConditionComparison} (analyze); the same for f_u (per-run means from the modes table). This class
 * selects the rows and writes the sentence. Published reference (ML-MD at 500 K, 10 % Te vacancies): D_Ag 0.84e-5 → 1.54e-5 cm²/s, ×1.83.
 */
public final class VacancyEffect {
    private VacancyEffect() {}

    public static final double TARGET_K = 500;
    public static final double PUBLISHED_D0 = 0.84e-5;
    public static final double PUBLISHED_DV = 1.54e-5;
    public static final double PUBLISHED_RATIO = PUBLISHED_DV / PUBLISHED_D0;

    /**
     * @param available   whether a comparison could be made
     * @param reason      why not (when not available)
     * @param temperatureK chosen temperature
     * @param vacancyFraction compared (highest) vacancy fraction
     * @param d           D ratio
     * @param fU          f_u ratio, or null when the modes table lacks either condition
     * @param sentence    the statement shown in the report (plain text)
     */
    public record Result(boolean available, String reason, double temperatureK, double vacancyFraction, Ratio d, Ratio fU,
                         String sentence) {}

    /**
     * @param rows       D rows (any species; those of {@code species} are used)
     * @param conditions run conditions (for the f_u rows)
     * @param modes      per-run mode means (may be empty)
     * @param species    e.g. {@code Ag}
     * @param method     D method of the rows, for the text
     */
    public static Result compute(List<FitRow> rows, Map<String, RunCondition> conditions, Map<String, ModeMean> modes,
                                 String species, String method) {
        String sp = species;
        // temperature (rounded label) → vacancy label → rows
        TreeMap<Double, TreeMap<Double, List<double[]>>> byT = new TreeMap<>();
        for (FitRow r : rows) {
            if (!r.species().equals(sp)) continue;
            byT.computeIfAbsent(key(r.temperatureK(), 1e3), k -> new TreeMap<>())
                    .computeIfAbsent(key(r.vacancyFraction(), 1e6), k -> new ArrayList<>()).add(new double[] {r.dCm2s(), r.dErrCm2s()});
        }
        TreeMap<Double, java.util.Set<Double>> fractions = new TreeMap<>();
        byT.forEach((t, v) -> fractions.put(t, v.keySet()));
        Double bestT = ConditionComparison.closestTemperatureWithBoth(fractions, TARGET_K);
        String published = String.format(Locale.ROOT, "Published (ML-MD, 500 K, 10 %% Te vacancies): D_Ag ×%.2f (0.84e-5 → 1.54e-5 cm²/s).",
                PUBLISHED_RATIO);
        if (bestT == null) {
            String why = byT.isEmpty() ? "the archive has no usable D of " + sp
                    : "no temperature has D of " + sp + " both at vacancy fraction 0 and at a vacancy fraction > 0 (temperatures: "
                    + joinT(byT.keySet()) + ")";
            return new Result(false, why, Double.NaN, Double.NaN, null, null,
                    "Whether Te vacancies raise D_" + sp + " and f_u near 500 K cannot be answered from this archive: " + why + ". "
                            + published);
        }
        TreeMap<Double, List<double[]>> atT = byT.get(bestT);
        double vHi = atT.lastKey();
        Ratio d = Ratio.of(Mean.of(atT.get(0.0)), Mean.of(atT.get(vHi)));
        Ratio fu = fuRatio(modes, conditions, bestT, vHi);

        return new Result(true, "", bestT, vHi, d, fu, sentence(sp, method, bestT, vHi, d, fu, published));
    }

    /** The f_u ratio (vacancy / pristine) of the runs at the compared conditions, or null when either has none. */
    private static Ratio fuRatio(Map<String, ModeMean> modes, Map<String, RunCondition> conditions, double bestT, double vHi) {
        List<double[]> f0 = new ArrayList<>();
        List<double[]> fv = new ArrayList<>();
        for (ModeMean m : modes.values()) {
            RunCondition c = conditions.get(m.runId());
            if (c == null || !(m.fU() >= 0) || !Double.isFinite(m.fU())) continue;
            if (key(c.temperatureK(), 1e3) != bestT) continue;
            double v = key(c.vacancyFraction(), 1e6);
            if (v == 0.0) f0.add(new double[] {m.fU(), m.fUErr()});
            else if (v == vHi) fv.add(new double[] {m.fU(), m.fUErr()});
        }
        return f0.isEmpty() || fv.isEmpty() || Mean.of(f0).value() <= 0 ? null : Ratio.of(Mean.of(f0), Mean.of(fv));
    }

    /** The statement shown in the report: both ratios with their verdicts, and the published value. */
    private static String sentence(String sp, String method, double bestT, double vHi, Ratio d, Ratio fu, String published) {
        StringBuilder s = new StringBuilder();
        String tText = Charts.temp(bestT) + " K";
        s.append("At T = ").append(tText);
        if (Math.abs(bestT - TARGET_K) > 1e-6) {
            s.append(" (the temperature closest to 500 K with both pristine and Te-vacancy runs)");
        }
        s.append(String.format(Locale.ROOT, ", comparing %s %% Te vacancies (the highest fraction present) with 0 %%: ", pct(vHi)));
        int exp = (int) Math.floor(Math.log10(Math.max(Math.abs(d.pristine().value()), Math.abs(d.vacancy().value()))));
        s.append(String.format(Locale.ROOT, "D_%s = %s cm²/s (%d run%s) vs %s cm²/s (%d run%s), ratio ×%s (%s) — Te vacancies %s D_%s",
                sp, pm(d.vacancy().value(), d.vacancy().err(), exp), d.vacancy().n(), d.vacancy().n() == 1 ? "" : "s",
                pm(d.pristine().value(), d.pristine().err(), exp), d.pristine().n(), d.pristine().n() == 1 ? "" : "s",
                pmRatio(d.ratio(), d.err()), method.toUpperCase(Locale.ROOT), phrase(d.verdict()), sp));
        if (d.verdict().equals("not resolved")) s.append(" (the ratio is within 2σ of 1)");
        s.append(". ");
        if (fu != null) {
            s.append(String.format(Locale.ROOT, "The unstable-mode fraction f_u = %s vs %s, ratio ×%s — Te vacancies %s f_u",
                    pmPlain(fu.vacancy().value(), fu.vacancy().err()), pmPlain(fu.pristine().value(), fu.pristine().err()),
                    pmRatio(fu.ratio(), fu.err()), phrase(fu.verdict())));
            if (fu.verdict().equals("not resolved")) s.append(" (the ratio is within 2σ of 1)");
            s.append(". ");
        } else {
            s.append("f_u cannot be compared: the modes table has no runs at both conditions. ");
        }
        s.append(published);
        if (Double.isFinite(d.err()) && d.err() > 0) {
            s.append(String.format(Locale.ROOT, " This archive's D ratio differs from ×%.2f by %.1fσ.",
                    PUBLISHED_RATIO, Math.abs(d.ratio() - PUBLISHED_RATIO) / d.err()));
        }
        return s.toString();
    }

    private static String phrase(String verdict) {
        return switch (verdict) {
            case "raise" -> "raise";
            case "lower" -> "lower";
            default -> "do not measurably change";
        };
    }

    private static double key(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private static String joinT(java.util.Set<Double> ts) {
        List<String> out = new ArrayList<>();
        for (double t : new TreeSet<>(ts)) out.add(Charts.temp(t) + " K");
        return String.join(", ", out);
    }

    static String pct(double v) {
        return Charts.temp(v * 100);
    }

    /** {@code (1.72 ± 0.05)e-5}: value and error on a given power of ten, so two values compare at a glance. */
    static String pm(double v, double e, int exp) {
        double scale = Math.pow(10, exp);
        if (!Double.isFinite(e)) return String.format(Locale.ROOT, "%.3fe%d", v / scale, exp);
        return String.format(Locale.ROOT, "(%.3f ± %.3f)e%d", v / scale, e / scale, exp);
    }

    static String pmPlain(double v, double e) {
        return Double.isFinite(e) ? String.format(Locale.ROOT, "%.4f ± %.4f", v, e) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String pmRatio(double r, double e) {
        return Double.isFinite(e) ? String.format(Locale.ROOT, "%.2f ± %.2f", r, e) : String.format(Locale.ROOT, "%.2f", r);
    }
}
