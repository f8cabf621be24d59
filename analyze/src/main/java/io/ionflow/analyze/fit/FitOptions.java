package io.ionflow.analyze.fit;

/**
 * Options shared by all fits.
 *
 * @param scaleErrorsWhenChi2Above1 multiply every parameter covariance by χ²/dof when χ²/dof &gt; 1
 *                                  (flagged in the result); never shrink it
 * @param propagateModeErrors       add the errors of f_u / f_dw to the log-space variance of each point
 *                                  of the mode models (effective-variance weights; see {@link ModeModel})
 */
public record FitOptions(boolean scaleErrorsWhenChi2Above1, boolean propagateModeErrors) {
    /** @return scaling on, mode-error propagation on */
    public static FitOptions defaults() {
        return new FitOptions(true, true);
    }
}
