package io.ionflow.analyze.fit;

/**
 * Cross-validation score of one model on one held-out fold (or pooled over all folds of a scheme).
 *
 * @param model       e.g. {@code arrhenius:Ag}, {@code powerlaw:Ag}
 * @param heldout     {@code T=500,vac=0.10} (one condition), {@code vac=0.10} (one vacancy fraction), or
 *                    {@code pooled:leave-one-condition-out} / {@code pooled:leave-one-vacancy-fraction-out}
 * @param rmseLog10D  root-mean-square of log10(D_pred) − log10(D_obs) over the predicted held-out rows
 *                    of this model's species (NaN when none could be predicted)
 * @param nPredicted  held-out rows the model could predict (the RMSE counts only these)
 * @param nHeldOut    held-out rows of this model's species
 */
public record CvScore(String model, String heldout, double rmseLog10D, int nPredicted, int nHeldOut) {}
