package io.ionflow.analyze.fit;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-run mode means (NaN where absent).
 *
 * @param temperatureK    from report/modes.csv when it has the column (a fallback for runs missing from runs/)
 * @param vacancyFraction same
 */
public record ModeMean(String runId, double fU, double fUErr, double meanUnstableThz, double fDw, double fDwErr,
                       long nSnapshots, double temperatureK, double vacancyFraction) {

    /**
     * The runs' mode means from the modes job's per-run rows ({@code report/modes.csv}) and from its snapshot rows
     * averaged per run ({@code analysis/modes}): a run's row is taken as written, with a value it lacks (f_u with its
     * error, ⟨ν_u⟩, f_dw with its error, the snapshot count) taken from the snapshot means; a run in only one source is
     * taken from it.
     *
     * @param means         run → mode means, sorted by run
     * @param usedSnapshots whether any value came from the snapshot means
     */
    public record Merged(Map<String, ModeMean> means, boolean usedSnapshots) {}

    /** See {@link Merged}. */
    public static Merged merge(Map<String, ModeMean> rows, Map<String, ModeMean> snapshots) {
        Map<String, ModeMean> out = new TreeMap<>();
        boolean used = false;
        Set<String> ids = new TreeSet<>(rows.keySet());
        ids.addAll(snapshots.keySet());
        for (String id : ids) {
            ModeMean m = rows.get(id);
            ModeMean g = snapshots.get(id);
            if (m == null || g == null) {
                used |= m == null;
                out.put(id, m == null ? g : m);
            } else {
                used |= !Double.isFinite(m.fU()) || !Double.isFinite(m.fDw()) || !Double.isFinite(m.meanUnstableThz());
                out.put(id, m.completedFrom(g));
            }
        }
        return new Merged(out, used);
    }

    /**
     * Whether f_u is a fraction of the modes, 0 ≤ f_u ≤ 1: the one rule for which runs' f_u a condition mean (the
     * report's f_u table and figure, the vacancy effect) takes; a value outside is not a measurement.
     */
    public boolean fuIsFraction() {
        return fU >= 0 && fU <= 1;
    }

    /** This row with what it lacks taken from {@code g} (f_u and f_dw each with their own error). */
    ModeMean completedFrom(ModeMean g) {
        boolean fu = Double.isFinite(fU);
        boolean dw = Double.isFinite(fDw);
        return new ModeMean(runId, fu ? fU : g.fU(), fu ? fUErr : g.fUErr(),
                Double.isFinite(meanUnstableThz) ? meanUnstableThz : g.meanUnstableThz(), dw ? fDw : g.fDw(),
                dw ? fDwErr : g.fDwErr(), nSnapshots > 0 ? nSnapshots : g.nSnapshots(), temperatureK, vacancyFraction);
    }
}
