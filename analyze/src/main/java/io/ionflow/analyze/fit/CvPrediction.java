package io.ionflow.analyze.fit;

/**
 * One held-out point: observed versus predicted D (for a predicted-versus-observed plot).
 *
 * @param scheme          {@code leave-one-condition-out} or {@code leave-one-vacancy-fraction-out}
 * @param model           e.g. {@code arrhenius:Ag}
 * @param heldout         fold label, e.g. {@code T=500,vac=0.10} or {@code vac=0.10}
 * @param runId           run id of the held-out row
 * @param species         species
 * @param temperatureK    K
 * @param vacancyFraction fraction
 * @param dObservedCm2s   observed D, cm²/s
 * @param dObservedErrCm2s its standard error, cm²/s
 * @param dPredictedCm2s  predicted D = exp(predicted ln D), cm²/s (NaN when the model cannot predict it)
 * @param dPredictedErrCm2s propagated standard error of the prediction (parameter uncertainty only), cm²/s
 * @param method          how it was predicted, e.g. {@code own-series}, {@code interp(vac=0.05,0.15)},
 *                        {@code nearest(vac=0.05)}, {@code fit(n=19)}, or why it was not
 */
public record CvPrediction(String scheme, String model, String heldout, String runId, String species,
                           double temperatureK, double vacancyFraction, double dObservedCm2s, double dObservedErrCm2s,
                           double dPredictedCm2s, double dPredictedErrCm2s, String method) {
    /** @return log10(D_pred) − log10(D_obs), NaN when not predicted */
    public double log10Residual() {
        return Math.log10(dPredictedCm2s) - Math.log10(dObservedCm2s);
    }

    /** @return whether the model produced a prediction */
    public boolean predicted() {
        return Double.isFinite(dPredictedCm2s) && dPredictedCm2s > 0;
    }
}
