package io.ionflow.analyze.fit;

/**
 * Per-run mode means (NaN where absent).
 *
 * @param temperatureK    from report/modes.csv when it has the column (a fallback for runs missing from runs/)
 * @param vacancyFraction same
 */
public record ModeMean(String runId, double fU, double fUErr, double meanUnstableThz, double fDw, double fDwErr,
                       long nSnapshots, double temperatureK, double vacancyFraction) {}
