package io.ionflow.analyze.fit;

import java.util.List;

/**
 * One per-run (or per-run-and-species) input row of the cross-condition fits.
 *
 * <p>Units: temperature K, vacancy fraction dimensionless (fraction of anion sites left empty),
 * D and its standard error cm²/s, f_u and f_dw dimensionless fractions of the 3N instantaneous normal
 * modes (f_u: imaginary-frequency modes; f_dw: double-well modes, La Nave et al.), mean unstable
 * frequency ⟨ν_u⟩ = ⟨|ω_u|⟩/2π in THz. Optional quantities are {@code NaN} when absent; a model that
 * needs an absent quantity simply does not use (and cannot predict) that row. Errors of optional
 * quantities may be {@code NaN} (= 0, unknown).
 *
 * @param runId                run id, used in error messages (may be null)
 * @param species              species of the diffusion coefficient, e.g. {@code Ag}
 * @param temperatureK         temperature, K
 * @param vacancyFraction      anion-vacancy fraction, in [0, 1)
 * @param dCm2s                self-diffusion coefficient, cm²/s (&gt; 0)
 * @param dErrCm2s             its standard error, cm²/s (&gt; 0)
 * @param fU                   fraction of unstable (imaginary-frequency) modes, (0, 1] or NaN
 * @param fUErr                its standard error, or NaN
 * @param meanUnstableFreqThz  mean |ν| of the unstable modes, THz (&gt; 0) or NaN
 * @param fDw                  fraction of double-well modes, (0, 1] or NaN
 * @param fDwErr               its standard error, or NaN
 */
public record FitRow(String runId, String species, double temperatureK, double vacancyFraction,
                     double dCm2s, double dErrCm2s, double fU, double fUErr, double meanUnstableFreqThz,
                     double fDw, double fDwErr) {

    /**
     * A row with diffusion data only (no mode data).
     *
     * @param runId run id
     * @param species species
     * @param temperatureK K
     * @param vacancyFraction fraction
     * @param dCm2s cm²/s
     * @param dErrCm2s cm²/s
     * @return the row
     */
    public static FitRow of(String runId, String species, double temperatureK, double vacancyFraction,
                            double dCm2s, double dErrCm2s) {
        return new FitRow(runId, species, temperatureK, vacancyFraction, dCm2s, dErrCm2s,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * @param fU unstable-mode fraction
     * @param fUErr its error (NaN = unknown)
     * @param meanUnstableFreqThz mean unstable frequency, THz (NaN = absent)
     * @return this row with mode data
     */
    public FitRow withModes(double fU, double fUErr, double meanUnstableFreqThz) {
        return new FitRow(runId, species, temperatureK, vacancyFraction, dCm2s, dErrCm2s, fU, fUErr,
                meanUnstableFreqThz, fDw, fDwErr);
    }

    /**
     * @param fDw double-well mode fraction
     * @param fDwErr its error (NaN = unknown)
     * @return this row with f_dw
     */
    public FitRow withDoubleWell(double fDw, double fDwErr) {
        return new FitRow(runId, species, temperatureK, vacancyFraction, dCm2s, dErrCm2s, fU, fUErr,
                meanUnstableFreqThz, fDw, fDwErr);
    }

    /** @return "T=500,vac=0.10" — the condition this row belongs to */
    public String conditionLabel() {
        return Labels.condition(temperatureK, vacancyFraction);
    }

    /**
     * @param index position of the row in its input list
     * @return e.g. {@code row 3 (run_id=r003, species=Ag, T=500 K, vac=0.10)}
     */
    public String describe(int index) {
        return "row " + index + " (run_id=" + runId + ", species=" + species + ", T=" + Labels.temperature(temperatureK)
                + " K, vac=" + Labels.vacancy(vacancyFraction) + ")";
    }

    /**
     * Checks every row and refuses the first bad one with a message that names it.
     *
     * @param rows input rows
     * @throws IllegalArgumentException naming the row and the problem
     */
    public static void validate(List<FitRow> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("no input rows");
        }
        for (int i = 0; i < rows.size(); i++) {
            FitRow r = rows.get(i);
            if (r == null) {
                throw new IllegalArgumentException("row " + i + " is null");
            }
            String where = r.describe(i);
            if (r.species == null || r.species.isBlank()) {
                throw new IllegalArgumentException(where + ": species is missing");
            }
            if (!(r.temperatureK > 0) || !Double.isFinite(r.temperatureK)) {
                throw new IllegalArgumentException(where + ": temperature must be finite and > 0 K, got " + r.temperatureK);
            }
            if (!(r.vacancyFraction >= 0 && r.vacancyFraction < 1)) {
                throw new IllegalArgumentException(where + ": vacancy fraction must be in [0, 1), got " + r.vacancyFraction);
            }
            if (!(r.dCm2s > 0) || !Double.isFinite(r.dCm2s)) {
                throw new IllegalArgumentException(where + ": D must be finite and > 0 cm²/s for a log-space fit, got "
                        + r.dCm2s + " (drop non-diffusive runs or report them separately)");
            }
            if (!(r.dErrCm2s > 0) || !Double.isFinite(r.dErrCm2s)) {
                throw new IllegalArgumentException(where + ": the standard error of D must be finite and > 0 cm²/s "
                        + "(it sets the fit weight), got " + r.dErrCm2s);
            }
            checkFraction(where, "f_u", r.fU, r.fUErr);
            checkFraction(where, "f_dw", r.fDw, r.fDwErr);
            if (!Double.isNaN(r.meanUnstableFreqThz) && !(r.meanUnstableFreqThz > 0 && Double.isFinite(r.meanUnstableFreqThz))) {
                throw new IllegalArgumentException(where + ": mean unstable frequency must be > 0 THz or NaN (absent), got "
                        + r.meanUnstableFreqThz);
            }
        }
    }

    private static void checkFraction(String where, String name, double f, double err) {
        if (!Double.isNaN(f) && !(f > 0 && f <= 1)) {
            throw new IllegalArgumentException(where + ": " + name + " must be in (0, 1] for a log-space model, or NaN (absent), got " + f);
        }
        if (!Double.isNaN(err) && !(err >= 0 && Double.isFinite(err))) {
            throw new IllegalArgumentException(where + ": the error of " + name + " must be >= 0 or NaN, got " + err);
        }
    }

    /** σ of ln D (first order: σ_D / D). */
    double sigmaLnD() {
        return dErrCm2s / dCm2s;
    }
}
