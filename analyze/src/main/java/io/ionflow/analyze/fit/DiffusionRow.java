package io.ionflow.analyze.fit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One row of {@code analysis/diffusion} (NaN where a column is absent or null). */
public record DiffusionRow(String runId, String species, String method, double dCm2s, double dErrCm2s,
                           double fitStartPs, double fitEndPs, double temperatureK, double vacancyFraction,
                           Boolean diffusive, String note) {
    /** A row without the diffusive flag (older tables). */
    public DiffusionRow(String runId, String species, String method, double dCm2s, double dErrCm2s, double fitStartPs,
                        double fitEndPs, double temperatureK, double vacancyFraction) {
        this(runId, species, method, dCm2s, dErrCm2s, fitStartPs, fitEndPs, temperatureK, vacancyFraction, null, null);
    }

    /**
     * Why this D is not a diffusion coefficient, or null: the job's flag and reason ({@code diffusive} false,
     * reason from the note), or — for tables written before the flag — D less than 3 standard errors above zero.
     */
    public String notDiffusive() {
        if (Boolean.FALSE.equals(diffusive)) {
            String why = note == null ? "" : note;
            int at = why.indexOf("NOT DIFFUSIVE: ");
            if (at >= 0) {
                why = why.substring(at + 15);
                int end = why.indexOf(';');
                why = end >= 0 ? why.substring(0, end) : why;
                return why;
            }
            return "flagged not diffusive by the " + method + " job";
        }
        if (diffusive == null && Double.isFinite(dCm2s) && dErrCm2s > 0 && !(dCm2s >= 3 * dErrCm2s)) {
            return String.format(Locale.ROOT, "D is not significantly above zero (D/sigma = %.2g < 3)", dCm2s / dErrCm2s);
        }
        return null;
    }

    /**
     * The species none of whose rows is diffusive ({@link #notDiffusive}), each with the first reason given, sorted by
     * name: a species that diffuses in no run of an archive.
     */
    public static Map<String, String> speciesDiffusingNowhere(List<DiffusionRow> rows) {
        Map<String, String> reason = new TreeMap<>();
        Set<String> diffusive = new TreeSet<>();
        for (DiffusionRow r : rows) {
            String why = r.notDiffusive();
            if (why == null) {
                diffusive.add(r.species());
            } else {
                reason.putIfAbsent(r.species(), why);
            }
        }
        reason.keySet().removeAll(diffusive);
        return reason;
    }
}
