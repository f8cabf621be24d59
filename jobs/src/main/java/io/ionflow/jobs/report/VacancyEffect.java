package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.Labels;
import io.ionflow.analyze.fit.ConditionComparison.Ratio;
import io.ionflow.analyze.fit.VacancyComparison;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Do Te vacancies raise D_Ag and f_u at 500 K in this archive?" — or, in an archive of another material, the same
 * question about its most mobile species and its anion vacancies ({@link Subject}).
 *
 * <p>The comparison is analyze's {@link VacancyComparison} near 500 K (the temperature closest to it with both
 * pristine and vacancy runs, the highest vacancy fraction there against 0, D and f_u as ratios of condition means
 * with their propagated errors and verdicts); this class writes the question and the sentence. Published reference
 * (ML-MD of α-Ag2Te at 500 K, 10 % Te vacancies): D_Ag 0.84e-5 → 1.54e-5 cm²/s, ×1.83 — quoted only for Ag in an
 * archive with Te.
 */
public final class VacancyEffect {
    private VacancyEffect() {}

    public static final double TARGET_K = 500;
    public static final double PUBLISHED_D0 = 0.84e-5;
    public static final double PUBLISHED_DV = 1.54e-5;
    public static final double PUBLISHED_RATIO = PUBLISHED_DV / PUBLISHED_D0;

    /**
     * What the question is about: the species whose D is compared and the vacancies' name.
     *
     * @param species   the species compared ({@link VacancyComparison#mobileSpecies}: Ag in an archive with Ag, else
     *                  the most mobile one), null when there is none
     * @param anion     the species whose sites the vacancy fraction empties, when known (Te when the archive has Te),
     *                  else null: the contract's vacancy fraction counts empty anion sites
     */
    public record Subject(String species, String anion) {
        /**
         * @param species every species of the archive
         * @param rows    the fit rows (diffusive D only)
         */
        public static Subject of(Collection<String> species, List<FitRow> rows) {
            return new Subject(VacancyComparison.mobileSpecies(species, rows), species.contains("Te") ? "Te" : null);
        }

        String vacancies() {
            return anion == null ? "anion vacancies" : anion + " vacancies";
        }

        /** Whether the published α-Ag2Te figures apply. */
        boolean published() {
            return "Ag".equals(species) && "Te".equals(anion);
        }

        String question() {
            return "Do " + vacancies() + " raise " + (species == null ? "D" : "D_" + species) + " and f_u at 500 K?";
        }

        /** What an Arrhenius law extrapolated below the fitted temperatures is worth. */
        String extrapolationCaveat() {
            return published() ? "D at extrapolated temperatures below ≈418 K is a formal number for the α-phase"
                    + " mechanism (α-Ag2Te is not stable there)." : "D at an extrapolated temperature is the fitted law's"
                    + " value; it holds only as far as the same phase and mechanism do.";
        }
    }

    /**
     * @param available   whether a comparison could be made
     * @param reason      why not (when not available)
     * @param temperatureK chosen temperature
     * @param vacancyFraction compared (highest) vacancy fraction
     * @param d           D ratio
     * @param fU          f_u ratio, or null when the modes table lacks either condition
     * @param question    the question the statement answers (the report's heading)
     * @param sentence    the statement shown in the report (plain text)
     */
    public record Result(boolean available, String reason, double temperatureK, double vacancyFraction, Ratio d, Ratio fU,
                         String question, String sentence) {}

    /**
     * @param rows       D rows (any species; those of the subject's species are used)
     * @param conditions run conditions (for the f_u rows)
     * @param modes      per-run mode means (may be empty)
     * @param subject    the species and vacancies asked about
     * @param method     D method of the rows, for the text
     */
    public static Result compute(List<FitRow> rows, Map<String, RunCondition> conditions, Map<String, ModeMean> modes,
                                 Subject subject, String method) {
        String published = subject.published() ? String.format(Locale.ROOT,
                "Published (ML-MD, 500 K, 10 %% Te vacancies): D_Ag ×%.2f (0.84e-5 → 1.54e-5 cm²/s).", PUBLISHED_RATIO) : "";
        String species = subject.species();
        VacancyComparison c = species == null ? null : VacancyComparison.near(TARGET_K, rows, conditions, modes, species);
        if (c == null) {
            Set<Double> temperatures = species == null ? Set.of() : VacancyComparison.temperatures(rows, species);
            String why = species == null ? "no species has a usable D"
                    : temperatures.isEmpty() ? "the archive has no usable D of " + species
                    : "no temperature has D of " + species + " both at vacancy fraction 0 and at a vacancy fraction > 0"
                    + " (temperatures: " + joinT(temperatures) + ")";
            return new Result(false, why, Double.NaN, Double.NaN, null, null, subject.question(), "Whether "
                    + subject.vacancies() + " raise " + (species == null ? "D" : "D_" + species)
                    + " and f_u near 500 K cannot be answered from this archive: " + why + "."
                    + (published.isEmpty() ? "" : " " + published));
        }
        return new Result(true, "", c.temperatureK(), c.vacancyFraction(), c.d(), c.fu(), subject.question(),
                sentence(subject, method, c, published));
    }

    /** The statement shown in the report: both ratios with their verdicts, and the published value where it applies. */
    private static String sentence(Subject subject, String method, VacancyComparison c, String published) {
        String sp = subject.species();
        String vac = subject.vacancies();
        Ratio d = c.d();
        Ratio fu = c.fu();
        StringBuilder s = new StringBuilder();
        s.append("At T = ").append(Labels.temperature(c.temperatureK())).append(" K");
        if (Math.abs(c.temperatureK() - TARGET_K) > 1e-6) {
            s.append(" (the temperature closest to 500 K with both pristine and ")
                    .append(subject.anion() == null ? "vacancy" : subject.anion() + "-vacancy").append(" runs)");
        }
        s.append(String.format(Locale.ROOT, ", comparing %s %% %s (the highest fraction present) with 0 %%: ",
                pct(c.vacancyFraction()), vac));
        int exp = (int) Math.floor(Math.log10(Math.max(Math.abs(d.pristine().value()), Math.abs(d.vacancy().value()))));
        s.append(String.format(Locale.ROOT, "D_%s = %s cm²/s (%d run%s) vs %s cm²/s (%d run%s), ratio ×%s (%s) — %s %s D_%s",
                sp, pm(d.vacancy().value(), d.vacancy().err(), exp), d.vacancy().n(), d.vacancy().n() == 1 ? "" : "s",
                pm(d.pristine().value(), d.pristine().err(), exp), d.pristine().n(), d.pristine().n() == 1 ? "" : "s",
                plusMinus(d.ratio(), d.err(), 2), method.toUpperCase(Locale.ROOT), capitalised(vac), phrase(d.verdict()), sp));
        if (d.verdict().equals("not resolved")) s.append(" (the ratio is within 2σ of 1)");
        s.append(". ");
        if (fu != null) {
            s.append(String.format(Locale.ROOT, "The unstable-mode fraction f_u = %s vs %s, ratio ×%s — %s %s f_u",
                    plusMinus(fu.vacancy().value(), fu.vacancy().err(), 4), plusMinus(fu.pristine().value(), fu.pristine().err(), 4),
                    plusMinus(fu.ratio(), fu.err(), 2), capitalised(vac), phrase(fu.verdict())));
            if (fu.verdict().equals("not resolved")) s.append(" (the ratio is within 2σ of 1)");
            s.append(". ");
        } else {
            s.append("f_u cannot be compared: the modes table has no runs at both conditions. ");
        }
        s.append(published);
        if (subject.published() && Double.isFinite(d.err()) && d.err() > 0) {
            s.append(String.format(Locale.ROOT, " This archive's D ratio differs from ×%.2f by %.1fσ.",
                    PUBLISHED_RATIO, Math.abs(d.ratio() - PUBLISHED_RATIO) / d.err()));
        }
        return s.toString().strip();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
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

    /** {@code 1.72 ± 0.05} with {@code digits} decimals; the value alone when the error is not finite. */
    static String plusMinus(double v, double e, int digits) {
        String f = "%." + digits + "f";
        return Double.isFinite(e) ? String.format(Locale.ROOT, f + " ± " + f, v, e) : String.format(Locale.ROOT, f, v);
    }
}
