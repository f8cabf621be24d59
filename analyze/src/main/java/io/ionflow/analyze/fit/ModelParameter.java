package io.ionflow.analyze.fit;

/**
 * One fitted parameter, ready for a table.
 *
 * @param model     e.g. {@code arrhenius:Ag:vac=0.10}, {@code powerlaw:Ag}, {@code keyes:Ag}
 * @param parameter e.g. {@code Ea_eV}, {@code D0_cm2_s}, {@code lnD0}, {@code chi2_dof}, {@code A_cm2_s}, {@code n}
 * @param value     value (units in the parameter name)
 * @param stderr    standard error (NaN where it has none, e.g. χ²/dof or a covariance entry)
 */
public record ModelParameter(String model, String parameter, double value, double stderr) {}
