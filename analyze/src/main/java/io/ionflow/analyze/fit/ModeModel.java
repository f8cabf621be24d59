package io.ionflow.analyze.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Mode-ratio models of D: one parameter set per species, fitted to ALL conditions (every temperature
 * and vacancy fraction) at once. All forms are linear in log space and fitted by weighted least
 * squares of ln D with σ(ln D) = σ_D/D (see {@link WeightedLinearFit}); g below is the mode fraction of
 * the chosen {@link Variable}: f_u (all unstable, imaginary-frequency INMs) or f_dw (double-well INMs).
 *
 * <h2>Forms</h2>
 * <ul>
 *   <li>{@link Form#POWER_LAW} ({@code powerlaw}): D = A·g^n; ln D = ln A + n·ln g. Parameters
 *       A (cm²/s, reported with σ_A = A·σ_lnA), ln A, n, cov(ln A, n).</li>
 *   <li>{@link Form#KEYES} ({@code keyes}): D = C·g·⟨ν_u⟩; ln D = ln C + ln g + ln⟨ν_u⟩, i.e. the slopes
 *       are fixed at 1 and only C (cm²/s per THz, with ⟨ν_u⟩ in THz) is fitted.</li>
 *   <li>{@link Form#KEYES_ACTIVATED} ({@code keyes-act}): D = C·g·⟨ν_u⟩·exp(−E/(k_B T));
 *       ln D = ln C + ln g + ln⟨ν_u⟩ − E/(k_B T). Parameters C (cm²/s per THz) and E (eV) with their
 *       covariance.</li>
 * </ul>
 *
 * <h2>Where the Keyes-type forms come from, and what was NOT verified</h2>
 * Keyes' instantaneous-normal-mode (INM) theory of self-diffusion (T. Keyes, J. Chem. Phys. 101, 5081
 * (1994); review: J. Phys. Chem. A 101, 2921 (1997)) treats diffusion as activated hopping whose
 * rate is tied to the imaginary-frequency (unstable) part of the INM spectrum; a random-energy-model
 * treatment of the same picture ("Entropy, dynamics and instantaneous normal modes in a random energy
 * model", whose abstract states R ∝ f) gives a mean hopping rate proportional to the unstable fraction,
 * R ∝ f_u. With D = R·ℓ²/6 for hops of length ℓ, the simplified reading implemented here is
 * "D ∝ (fraction of unstable modes) × (mean unstable frequency)": ⟨ν_u⟩ stands for the attempt/crossing
 * rate per unstable direction (the barrier-top curvature sets the crossing time scale) and C absorbs
 * ℓ²/6 and all numerical factors. The activated variant adds a Boltzmann factor for an effective
 * barrier E that the unstable-mode fraction at the instantaneous configuration does not already
 * contain (in Keyes' treatment the barrier-height distribution is inferred from the shape of the
 * imaginary-frequency density of states, which we do not fit here). <b>No closed formula was verified
 * against the primary sources in this project</b> (only their abstracts and secondary discussion,
 * e.g. Vijayadamodar and Nitzan's critique of Keyes' analysis, J. Chem. Phys. (1995), could be
 * consulted): these are
 * documented phenomenological forms "in the spirit of" Keyes, and what is fitted is exactly the
 * log-linear model stated above.
 *
 * <h2>Double-well variant</h2>
 * {@link Variable#F_DW} replaces f_u by the fraction of double-well modes f_dw (La Nave, Scala, Starr,
 * Sciortino and Stanley, PRL 84, 4605 (2000): in a model of supercooled water D depends mainly on the fraction
 * of directions that connect distinct minima, not on all unstable directions). Model names get the
 * suffix {@code -dw}; the Keyes forms still use the mean frequency of ALL unstable modes, the only
 * frequency in the input rows. Rows without f_dw (NaN) are not used and not predicted.
 *
 * <h2>The published α-Ag2Te unstable-mode-ratio study</h2>
 * The study that motivates this project (Xu, Xiang, Li, Lu and Zhou, "Fast Ionic Transport Governed by
 * Collective Vibrational Dynamics", Phys. Rev. Lett.) was found only through press coverage; its model
 * form (how D is written in terms of the unstable-mode ratio) could not be retrieved, so it is not
 * implemented. The free-exponent power law is the neutral stand-in.
 *
 * <h2>Errors</h2>
 * With {@link FitOptions#propagateModeErrors()}, the error of g enters the weight of each point as an
 * effective variance σ_i² = σ_lnD² + (∂ln D/∂ln g)²·(σ_g/g)², with ∂ln D/∂ln g = n (iterated to
 * self-consistency for the power law) or 1 (Keyes forms). This gives honest weights and χ², but like
 * every weighted regression it does not remove the attenuation bias of n caused by noise in g, which
 * is small when σ_g/g is small compared with the spread of ln g. The error of ⟨ν_u⟩ is not an input and
 * is ignored. χ²/dof &gt; 1 inflates the covariance (flagged), as in {@link Arrhenius}.
 */
public final class ModeModel {
    private ModeModel() {}

    /** Model form. */
    public enum Form {
        /** D = A·g^n. */
        POWER_LAW("powerlaw"),
        /** D = C·g·⟨ν_u⟩. */
        KEYES("keyes"),
        /** D = C·g·⟨ν_u⟩·exp(−E/(k_B T)). */
        KEYES_ACTIVATED("keyes-act");

        final String prefix;

        Form(String prefix) {
            this.prefix = prefix;
        }
    }

    /** The mode fraction g that enters the model. */
    public enum Variable {
        /** Fraction of unstable (imaginary-frequency) modes. */
        F_U(""),
        /** Fraction of double-well modes. */
        F_DW("-dw");

        final String suffix;

        Variable(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * A model specification.
     *
     * @param form     form
     * @param variable mode fraction used
     */
    public record Spec(Form form, Variable variable) {
        /** @return e.g. {@code powerlaw}, {@code keyes-act-dw} */
        public String family() {
            return form.prefix + variable.suffix;
        }

        /**
         * @param species species
         * @return e.g. {@code powerlaw:Ag}
         */
        public String name(String species) {
            return family() + ":" + species;
        }

        /**
         * @param r a row
         * @return whether the row has every quantity this model needs
         */
        public boolean applies(FitRow r) {
            double g = g(r);
            if (!Double.isFinite(g)) {
                return false;
            }
            return form == Form.POWER_LAW || Double.isFinite(r.meanUnstableFreqThz());
        }

        double g(FitRow r) {
            return variable == Variable.F_U ? r.fU() : r.fDw();
        }

        double gErr(FitRow r) {
            double e = variable == Variable.F_U ? r.fUErr() : r.fDwErr();
            return Double.isFinite(e) ? e : 0;
        }

        int nParams() {
            return form == Form.KEYES ? 1 : 2;
        }

        /** Design row a (ln D = a·β + offset). */
        double[] design(FitRow r) {
            return switch (form) {
                case POWER_LAW -> new double[] {1, Math.log(g(r))};
                case KEYES -> new double[] {1};
                case KEYES_ACTIVATED -> new double[] {1, -1.0 / (Arrhenius.KB_EV_PER_K * r.temperatureK())};
            };
        }

        double offset(FitRow r) {
            return form == Form.POWER_LAW ? 0 : Math.log(g(r)) + Math.log(r.meanUnstableFreqThz());
        }
    }

    /** Every form with f_u, then every form with f_dw. */
    public static final List<Spec> ALL = List.of(
            new Spec(Form.POWER_LAW, Variable.F_U), new Spec(Form.KEYES, Variable.F_U),
            new Spec(Form.KEYES_ACTIVATED, Variable.F_U), new Spec(Form.POWER_LAW, Variable.F_DW),
            new Spec(Form.KEYES, Variable.F_DW), new Spec(Form.KEYES_ACTIVATED, Variable.F_DW));

    /**
     * A fitted mode model.
     *
     * @param model        e.g. {@code powerlaw:Ag}
     * @param spec         specification
     * @param species      species
     * @param beta         [ln A, n] (power law), [ln C] (Keyes), [ln C, E_eV] (activated Keyes)
     * @param cov          covariance of beta (inflated when errorsScaled)
     * @param chi2PerDof   χ²/dof (NaN when dof = 0)
     * @param dof          n − p
     * @param errorsScaled whether the errors were inflated by √(χ²/dof)
     * @param nPoints      rows used
     * @param note         remarks, empty if none
     */
    public record Fit(String model, Spec spec, String species, double[] beta, double[][] cov, double chi2PerDof, int dof,
                      boolean errorsScaled, int nPoints, String note) {

        /**
         * ln D predicted for a row's conditions, with its error from the parameter covariance.
         *
         * @param r a row the model applies to (its D is not used)
         * @return {lnD, σ_lnD}, or {NaN, NaN} when the row lacks a needed quantity
         */
        public double[] predictLnD(FitRow r) {
            if (!spec.applies(r)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double[] a = spec.design(r);
            double ln = spec.offset(r);
            double var = 0;
            for (int i = 0; i < a.length; i++) {
                ln += a[i] * beta[i];
                for (int j = 0; j < a.length; j++) {
                    var += a[i] * cov[i][j] * a[j];
                }
            }
            return new double[] {ln, Math.sqrt(Math.max(var, 0))};
        }

        /** @return the parameters as table rows */
        public List<ModelParameter> parameters() {
            List<ModelParameter> out = new ArrayList<>();
            double se0 = Math.sqrt(cov[0][0]);
            double e0 = Math.exp(beta[0]);
            switch (spec.form()) {
                case POWER_LAW -> {
                    out.add(new ModelParameter(model, "A_cm2_s", e0, e0 * se0));
                    out.add(new ModelParameter(model, "lnA", beta[0], se0));
                    out.add(new ModelParameter(model, "n", beta[1], Math.sqrt(cov[1][1])));
                    out.add(new ModelParameter(model, "cov_lnA_n", cov[0][1], Double.NaN));
                }
                case KEYES -> {
                    out.add(new ModelParameter(model, "C_cm2_s_per_THz", e0, e0 * se0));
                    out.add(new ModelParameter(model, "lnC", beta[0], se0));
                }
                case KEYES_ACTIVATED -> {
                    out.add(new ModelParameter(model, "C_cm2_s_per_THz", e0, e0 * se0));
                    out.add(new ModelParameter(model, "lnC", beta[0], se0));
                    out.add(new ModelParameter(model, "E_eV", beta[1], Math.sqrt(cov[1][1])));
                    out.add(new ModelParameter(model, "cov_lnC_E", cov[0][1], Double.NaN));
                }
                default -> throw new IllegalStateException();
            }
            out.add(new ModelParameter(model, "chi2_dof", chi2PerDof, Double.NaN));
            out.add(new ModelParameter(model, "errors_scaled", errorsScaled ? 1 : 0, Double.NaN));
            out.add(new ModelParameter(model, "n_points", nPoints, Double.NaN));
            return out;
        }

        /** @return standard error of parameter j */
        public double se(int j) {
            return Math.sqrt(cov[j][j]);
        }
    }

    /**
     * Fits one model to the rows of one species (rows the model does not apply to are ignored).
     *
     * @param spec    model
     * @param rows    rows, all of one species
     * @param options options
     * @return the fit
     * @throws IllegalArgumentException on a bad row, mixed species, or too few usable rows
     */
    public static Fit fit(Spec spec, List<FitRow> rows, FitOptions options) {
        FitRow.validate(rows);
        String species = rows.get(0).species();
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).species().equals(species)) {
                throw new IllegalArgumentException(rows.get(i).describe(i) + ": a mode model is fitted per species; "
                        + "the rows started with species=" + species);
            }
        }
        return fitValidated(spec, species, rows, options);
    }

    /** A model whose rows span too few conditions to test it across conditions: withheld, not merely skipped. */
    public static final class TooFewConditions extends IllegalArgumentException {
        TooFewConditions(String message) { super(message); }
    }

    /** Distinct (temperature, vacancy fraction) conditions among the rows. */
    static int conditions(List<FitRow> rows) {
        java.util.Set<List<Double>> seen = new java.util.HashSet<>();
        for (FitRow r : rows) seen.add(List.of(r.temperatureK(), r.vacancyFraction()));
        return seen.size();
    }

    /** Fits rows that are validated and of one species. */
    static Fit fitValidated(Spec spec, String species, List<FitRow> rows, FitOptions options) {
        String model = spec.name(species);
        List<FitRow> use = new ArrayList<>();
        for (FitRow r : rows) {
            if (spec.applies(r)) {
                use.add(r);
            }
        }
        checkSupport(spec, model, use);
        Points pts = Points.of(spec, use, options);
        Weighted wf = fitWeighted(spec, pts, options);
        WeightedLinearFit.Result w = wf.result();
        StringBuilder note = new StringBuilder();
        if (use.size() < rows.size()) {
            note.append(rows.size() - use.size()).append(" row(s) without the needed mode data ignored; ");
        }
        if (spec.form() == Form.POWER_LAW && pts.hasGErr()) {
            note.append("effective-variance weights (").append(wf.iterations()).append(" iterations); ");
        }
        if (w.dof() < 1) {
            note.append("chi2/dof not available; ");
        }
        if (w.errorsScaled()) {
            note.append(String.format("errors scaled by sqrt(chi2/dof)=%.3g; ", Math.sqrt(w.chi2PerDof())));
        }
        String noteStr = note.length() == 0 ? "" : note.substring(0, note.length() - 2);
        return new Fit(model, spec, species, w.beta(), w.cov(), w.chi2PerDof(), w.dof(), w.errorsScaled(), use.size(), noteStr);
    }

    /** Refuses rows too few for the parameters, or from too few conditions to test the model across conditions. */
    private static void checkSupport(Spec spec, String model, List<FitRow> use) {
        int p = spec.nParams();
        if (use.size() < p) {
            throw new IllegalArgumentException(model + ": needs at least " + p + " rows with "
                    + (spec.variable() == Variable.F_U ? "f_u" : "f_dw")
                    + (spec.form() == Form.POWER_LAW ? "" : " and the mean unstable frequency") + ", has " + use.size());
        }
        int conditions = conditions(use);
        if (conditions < p + 1) {
            throw new TooFewConditions(model + ": its rows come from " + conditions + " condition(s) (temperature, vacancy"
                    + " fraction); a model of D across conditions with " + p + " parameter(s) needs at least " + (p + 1)
                    + ", or it only describes the scatter within a condition");
        }
    }

    /** The fit's inputs per row: design row, ln D, fixed offset, σ(ln D) and σ(ln g). */
    private record Points(double[][] x, double[] y, double[] off, double[] sLnD, double[] sLnG, boolean hasGErr) {
        static Points of(Spec spec, List<FitRow> use, FitOptions options) {
            int n = use.size();
            double[][] x = new double[n][];
            double[] y = new double[n], off = new double[n], sLnD = new double[n], sLnG = new double[n];
            boolean hasGErr = false;
            for (int i = 0; i < n; i++) {
                FitRow r = use.get(i);
                x[i] = spec.design(r);
                y[i] = Math.log(r.dCm2s());
                off[i] = spec.offset(r);
                sLnD[i] = r.sigmaLnD();
                sLnG[i] = options.propagateModeErrors() ? spec.gErr(r) / spec.g(r) : 0;
                hasGErr |= sLnG[i] > 0;
            }
            return new Points(x, y, off, sLnD, sLnG, hasGErr);
        }
    }

    private record Weighted(WeightedLinearFit.Result result, int iterations) {}

    /**
     * Weighted least squares with effective variances σ² = σ_lnD² + (slope·σ_lng)², the slope of ln D in ln g being 1
     * for the Keyes forms and n for the power law, iterated to self-consistency.
     */
    private static Weighted fitWeighted(Spec spec, Points pts, FitOptions options) {
        int n = pts.y().length;
        double slope = 1;
        WeightedLinearFit.Result w = null;
        int iterations = 0;
        if (spec.form() == Form.POWER_LAW) {
            w = WeightedLinearFit.fit(pts.x(), pts.y(), pts.off(), pts.sLnD(), options.scaleErrorsWhenChi2Above1());
            slope = w.beta()[1];
        }
        if (spec.form() != Form.POWER_LAW || pts.hasGErr()) {
            for (iterations = 1; iterations <= 100; iterations++) {
                double[] sigma = new double[n];
                for (int i = 0; i < n; i++) {
                    sigma[i] = Math.hypot(pts.sLnD()[i], slope * pts.sLnG()[i]);
                }
                w = WeightedLinearFit.fit(pts.x(), pts.y(), pts.off(), sigma, options.scaleErrorsWhenChi2Above1());
                if (spec.form() != Form.POWER_LAW) {
                    break;
                }
                double next = w.beta()[1];
                boolean done = Math.abs(next - slope) <= 1e-12 * Math.max(1, Math.abs(next));
                slope = next;
                if (done) {
                    break;
                }
            }
        }
        return new Weighted(w, iterations);
    }
}
