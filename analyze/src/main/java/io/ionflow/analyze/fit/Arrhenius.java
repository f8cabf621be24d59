package io.ionflow.analyze.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Arrhenius fit of one (species, vacancy fraction) series: D(T) = D0·exp(−Ea/(k_B T)).
 *
 * <p>Fitted in log space by weighted least squares: ln D_i = ln D0 − Ea·x_i with x_i = 1/(k_B T_i)
 * (eV⁻¹), k_B = 8.617333262e-5 eV/K, and σ(ln D_i) = σ_D,i / D_i (first order; a row's weight is
 * 1/σ²). Every row (replica) is a separate point. Results: Ea (eV), ln D0, their standard errors
 * and cov(ln D0, Ea); D0 = exp(ln D0) with σ_D0 = D0·σ_lnD0 (first-order propagation; the
 * uncertainty of D0 is lognormal, so ln D0 ± σ is the better statement); χ²/dof with dof = n − 2.
 *
 * <p>Needs ≥ 2 distinct temperatures (refused otherwise, with a message naming the series). χ²/dof
 * needs dof ≥ 1: with one row per temperature that means ≥ 3 temperatures; with exactly 2
 * temperatures and replicas, χ² only measures the scatter of the replicas about each other, not the
 * Arrhenius form — the result says so in its note. When χ²/dof &gt; 1 (and
 * {@link FitOptions#scaleErrorsWhenChi2Above1()}), all errors and the covariance are inflated by
 * √(χ²/dof) resp. χ²/dof and {@link Fit#errorsScaled()} is set.
 *
 * <p>Extrapolation ({@link Fit#at(double)}): ln D(T) = ln D0 − Ea/(k_B T) with
 * var = var(ln D0) + x²·var(Ea) − 2x·cov(ln D0, Ea), from the full covariance; D = exp(ln D) (the
 * median of the lognormal, not its mean), σ_D = D·σ_lnD. Physics caveat: α-Ag2Te exists only above
 * ≈ 418 K; an extrapolation to 300 K is a formal number for the α-phase mechanism, not a prediction
 * for the β phase that is stable there.
 */
public final class Arrhenius {
    /** Boltzmann constant, eV/K (CODATA 2018, exact in SI). */
    public static final double KB_EV_PER_K = 8.617333262e-5;

    private Arrhenius() {}

    /**
     * An Arrhenius fit.
     *
     * @param model         {@code arrhenius:<species>:vac=<v>}
     * @param species       species
     * @param vacancyFraction vacancy fraction of the series
     * @param eaEv          activation energy, eV
     * @param eaErrEv       its standard error, eV
     * @param lnD0          ln(D0 / (cm²/s))
     * @param lnD0Err       its standard error
     * @param covLnD0Ea     cov(ln D0, Ea), eV
     * @param d0Cm2s        D0 = exp(ln D0), cm²/s
     * @param d0ErrCm2s     D0·σ_lnD0, cm²/s
     * @param chi2PerDof    χ²/dof (NaN when dof = 0)
     * @param dof           n − 2
     * @param errorsScaled  errors inflated by √(χ²/dof)
     * @param nPoints       rows used
     * @param nTemperatures distinct temperatures
     * @param note          human-readable remarks (scaling, replica-only χ², …), empty if none
     */
    public record Fit(String model, String species, double vacancyFraction, double eaEv, double eaErrEv,
                      double lnD0, double lnD0Err, double covLnD0Ea, double d0Cm2s, double d0ErrCm2s,
                      double chi2PerDof, int dof, boolean errorsScaled, int nPoints, int nTemperatures, String note) {

        /**
         * Extrapolated (or interpolated) D at a temperature, error from the full covariance.
         *
         * @param temperatureK K
         * @return the prediction
         */
        public Prediction at(double temperatureK) {
            double x = 1.0 / (KB_EV_PER_K * temperatureK);
            double ln = lnD0 - eaEv * x;
            double var = lnD0Err * lnD0Err + x * x * eaErrEv * eaErrEv - 2 * x * covLnD0Ea;
            double lnErr = Math.sqrt(Math.max(var, 0));
            double d = Math.exp(ln);
            return new Prediction(temperatureK, ln, lnErr, d, d * lnErr);
        }

        /** @return Ea_eV, D0_cm2_s, lnD0, cov_lnD0_Ea, chi2_dof as table rows */
        public List<ModelParameter> parameters() {
            List<ModelParameter> out = new ArrayList<>();
            out.add(new ModelParameter(model, "Ea_eV", eaEv, eaErrEv));
            out.add(new ModelParameter(model, "D0_cm2_s", d0Cm2s, d0ErrCm2s));
            out.add(new ModelParameter(model, "lnD0", lnD0, lnD0Err));
            out.add(new ModelParameter(model, "cov_lnD0_Ea", covLnD0Ea, Double.NaN));
            out.add(new ModelParameter(model, "chi2_dof", chi2PerDof, Double.NaN));
            out.add(new ModelParameter(model, "errors_scaled", errorsScaled ? 1 : 0, Double.NaN));
            out.add(new ModelParameter(model, "n_points", nPoints, Double.NaN));
            return out;
        }

        /**
         * @param temperatureK extrapolation temperature, K
         * @return {@code D_<T>K_cm2_s} as a table row
         */
        public ModelParameter extrapolationParameter(double temperatureK) {
            Prediction p = at(temperatureK);
            return new ModelParameter(model, "D_" + Labels.temperature(temperatureK) + "K_cm2_s", p.dCm2s(), p.dErrCm2s());
        }
    }

    /**
     * D predicted at one temperature.
     *
     * @param temperatureK K
     * @param lnD          ln(D / (cm²/s))
     * @param lnDErr       its standard error
     * @param dCm2s        exp(lnD), cm²/s
     * @param dErrCm2s     D·σ_lnD, cm²/s
     */
    public record Prediction(double temperatureK, double lnD, double lnDErr, double dCm2s, double dErrCm2s) {}

    /**
     * Fits one series given as arrays.
     *
     * @param temperatureK temperatures, K
     * @param dCm2s        diffusion coefficients, cm²/s
     * @param dErrCm2s     their standard errors, cm²/s
     * @return the fit (model name {@code arrhenius})
     */
    public static Fit fit(double[] temperatureK, double[] dCm2s, double[] dErrCm2s) {
        if (temperatureK.length != dCm2s.length || dCm2s.length != dErrCm2s.length) {
            throw new IllegalArgumentException("arrays differ in length: " + temperatureK.length + ", " + dCm2s.length
                    + ", " + dErrCm2s.length);
        }
        List<FitRow> rows = new ArrayList<>();
        for (int i = 0; i < dCm2s.length; i++) {
            rows.add(FitRow.of("point" + i, "X", temperatureK[i], 0.0, dCm2s[i], dErrCm2s[i]));
        }
        FitRow.validate(rows);
        return fitSeries("arrhenius", rows, FitOptions.defaults());
    }

    /**
     * Fits one series: all rows must share species and vacancy fraction.
     *
     * @param rows    the series
     * @param options options
     * @return the fit, named {@code arrhenius:<species>:vac=<v>}
     * @throws IllegalArgumentException on a bad row, mixed series, or fewer than 2 temperatures
     */
    public static Fit fit(List<FitRow> rows, FitOptions options) {
        FitRow.validate(rows);
        FitRow first = rows.get(0);
        String vac = Labels.vacancy(first.vacancyFraction());
        for (int i = 1; i < rows.size(); i++) {
            FitRow r = rows.get(i);
            if (!r.species().equals(first.species()) || !Labels.vacancy(r.vacancyFraction()).equals(vac)) {
                throw new IllegalArgumentException(r.describe(i) + ": an Arrhenius series must have one species and one "
                        + "vacancy fraction; the series started with species=" + first.species() + ", vac=" + vac);
            }
        }
        return fitSeries(modelName(first.species(), first.vacancyFraction()), rows, options);
    }

    /**
     * Fits every (species, vacancy fraction) series.
     *
     * @param rows    all rows
     * @param options options
     * @param skipped receives one message per series that could not be fitted (fewer than 2
     *                temperatures); null = throw instead
     * @return the fits, ordered by species then vacancy fraction
     */
    public static List<Fit> fitAll(List<FitRow> rows, FitOptions options, List<String> skipped) {
        FitRow.validate(rows);
        List<Fit> out = new ArrayList<>();
        for (Map.Entry<String, Map<Double, List<FitRow>>> bySpecies : series(rows).entrySet()) {
            for (List<FitRow> s : bySpecies.getValue().values()) {
                FitRow f = s.get(0);
                try {
                    out.add(fitSeries(modelName(f.species(), f.vacancyFraction()), s, options));
                } catch (IllegalArgumentException e) {
                    if (skipped == null) {
                        throw e;
                    }
                    skipped.add(e.getMessage());
                }
            }
        }
        return out;
    }

    /** @return {@code arrhenius:<species>:vac=<v>} */
    public static String modelName(String species, double vacancyFraction) {
        return "arrhenius:" + species + ":vac=" + Labels.vacancy(vacancyFraction);
    }

    /** Groups rows by species, then by vacancy fraction (keyed by the rounded label value), sorted. */
    static Map<String, Map<Double, List<FitRow>>> series(List<FitRow> rows) {
        Map<String, Map<Double, List<FitRow>>> out = new TreeMap<>();
        for (FitRow r : rows) {
            double key = Double.parseDouble(Labels.vacancy(r.vacancyFraction()));
            out.computeIfAbsent(r.species(), k -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static int distinctTemperatures(List<FitRow> rows) {
        Map<String, Boolean> t = new LinkedHashMap<>();
        for (FitRow r : rows) {
            t.put(Labels.temperature(r.temperatureK()), Boolean.TRUE);
        }
        return t.size();
    }

    /** Fits rows that are already validated and known to form one series. */
    static Fit fitSeries(String model, List<FitRow> rows, FitOptions options) {
        int nT = distinctTemperatures(rows);
        if (nT < 2) {
            throw new IllegalArgumentException(model + ": an Arrhenius fit needs at least 2 distinct temperatures, this "
                    + "series has " + nT + " (T=" + Labels.temperature(rows.get(0).temperatureK()) + " K, " + rows.size()
                    + " row(s))");
        }
        int n = rows.size();
        double[][] x = new double[n][2];
        double[] y = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            FitRow r = rows.get(i);
            x[i][0] = 1;
            x[i][1] = -1.0 / (KB_EV_PER_K * r.temperatureK());
            y[i] = Math.log(r.dCm2s());
            sigma[i] = r.sigmaLnD();
        }
        WeightedLinearFit.Result w = WeightedLinearFit.fit(x, y, null, sigma, options.scaleErrorsWhenChi2Above1());
        StringBuilder note = new StringBuilder();
        if (w.dof() < 1) {
            note.append("chi2/dof not available (2 points); ");
        } else if (nT < 3) {
            note.append("only 2 temperatures: chi2/dof tests the replica scatter, not the Arrhenius form; ");
        }
        if (w.errorsScaled()) {
            note.append(String.format("errors scaled by sqrt(chi2/dof)=%.3g; ", Math.sqrt(w.chi2PerDof())));
        }
        String noteStr = note.length() == 0 ? "" : note.substring(0, note.length() - 2);
        double lnD0 = w.beta()[0];
        double lnD0Err = w.se(0);
        double d0 = Math.exp(lnD0);
        FitRow f = rows.get(0);
        return new Fit(model, f.species(), f.vacancyFraction(), w.beta()[1], w.se(1), lnD0, lnD0Err, w.cov()[0][1], d0,
                d0 * lnD0Err, w.chi2PerDof(), w.dof(), w.errorsScaled(), n, nT, noteStr);
    }
}
