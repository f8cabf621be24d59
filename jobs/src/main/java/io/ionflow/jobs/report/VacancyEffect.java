package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.Labels;
import io.ionflow.analyze.fit.ConditionComparison.Ratio;
import io.ionflow.analyze.fit.VacancyComparison;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Do Te vacancies raise D_Ag and f_u at 500 K in this archive?"
 *
 * <p>The comparison is analyze's {@link VacancyComparison} near 500 K (the temperature closest to it with both
 * pristine and Te-vacancy runs, the highest vacancy fraction there against 0, D and f_u as ratios of condition means
 * with their propagated errors and verdicts); this class writes the sentence. Published reference (ML-MD at 500 K, 10 % Te vacancies): D_Ag 0.84e-5 → 1.54e-5 cm²/s, ×1.83.
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
        String published = String.format(Locale.ROOT, "Published (ML-MD, 500 K, 10 %% Te vacancies): D_Ag ×%.2f (0.84e-5 → 1.54e-5 cm²/s).",
                PUBLISHED_RATIO);
        VacancyComparison c = VacancyComparison.near(TARGET_K, rows, conditions, modes, species);
        if (c == null) {
            Set<Double> temperatures = VacancyComparison.temperatures(rows, species);
            String why = temperatures.isEmpty() ? "the archive has no usable D of " + species
                    : "no temperature has D of " + species + " both at vacancy fraction 0 and at a vacancy fraction > 0"
                    + " (temperatures: " + joinT(temperatures) + ")";
            return new Result(false, why, Double.NaN, Double.NaN, null, null, "Whether Te vacancies raise D_" + species
                    + " and f_u near 500 K cannot be answered from this archive: " + why + ". " + published);
        }
        return new Result(true, "", c.temperatureK(), c.vacancyFraction(), c.d(), c.fu(),
                sentence(species, method, c.temperatureK(), c.vacancyFraction(), c.d(), c.fu(), published));
    }

    /** The statement shown in the report: both ratios with their verdicts, and the published value. */
    private static String sentence(String sp, String method, double bestT, double vHi, Ratio d, Ratio fu, String published) {
        StringBuilder s = new StringBuilder();
        String tText = Labels.temperature(bestT) + " K";
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

    private static String joinT(Set<Double> ts) {
        List<String> out = new ArrayList<>();
        for (double t : new TreeSet<>(ts)) out.add(Labels.temperature(t) + " K");
        return String.join(", ", out);
    }

    static String pct(double v) {
        return Labels.temperature(v * 100);
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
