package io.ionflow.analyze.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every fit on a full data set, in one call (what the {@code fit} job needs): one Arrhenius fit per
 * (species, vacancy fraction) series ({@link Arrhenius}) and one fit per species of every mode model
 * that the rows support ({@link ModeModel}: f_u forms when f_u is present, Keyes forms when ⟨ν_u⟩ is
 * present too, {@code -dw} forms when f_dw is present). A series or model that cannot be fitted (e.g. an
 * Arrhenius series with one temperature) is reported in {@link Summary#skipped()} with the reason, and
 * the rest is fitted; a bad row (D ≤ 0, …) refuses the whole call with a message naming the row.
 *
 * <p>Withheld ({@link Summary#withheld()}): an Arrhenius series whose activation energy comes out zero
 * or negative is not a thermally activated process the data support (D does not rise with
 * temperature: a species that does not diffuse, or noise); its Ea, D0 and extrapolations are never
 * presented — the series appears only as a {@code withheld} row with the reason. Likewise a mode model whose rows
 * span fewer conditions than its parameters plus one (it would describe the scatter between replicas of one
 * condition, not D across conditions), and a power law whose exponent comes out n ≤ 0 (D does not rise with the mode
 * fraction: the premise of the model fails).
 */
public final class ModelFits {
    private ModelFits() {}

    /**
     * @param arrhenius per-series Arrhenius fits
     * @param modes     per-species mode-model fits
     * @param skipped   one message per series/model that could not be fitted
     * @param withheld  series or models fitted (or fittable) but not a result the data support, with the reason
     */
    public record Summary(List<Arrhenius.Fit> arrhenius, List<ModeModel.Fit> modes, List<String> skipped,
                          List<Withheld> withheld) {
        /** @return the same with more withheld models (e.g. series whose runs do not diffuse) */
        public Summary withWithheld(List<Withheld> more) {
            List<Withheld> all = new ArrayList<>(withheld);
            all.addAll(more);
            return new Summary(arrhenius, modes, skipped, List.copyOf(all));
        }

        /**
         * @param extrapolateToK temperatures (K) at which to add {@code D_<T>K_cm2_s} rows for every
         *                       Arrhenius series (e.g. 300)
         * @return all parameters as table rows
         */
        public List<ModelParameter> parameters(double... extrapolateToK) {
            List<ModelParameter> out = new ArrayList<>();
            for (Arrhenius.Fit f : arrhenius) {
                out.addAll(f.parameters());
                for (double t : extrapolateToK) {
                    out.add(f.extrapolationParameter(t));
                }
            }
            for (ModeModel.Fit f : modes) {
                out.addAll(f.parameters());
            }
            for (Withheld w : withheld) {
                out.add(new ModelParameter(w.model(), Withheld.PARAMETER, Double.NaN, Double.NaN));
            }
            return out;
        }

        /** Each fitted model's in-sample value at each of {@code rows} it applies to, Arrhenius series first. */
        public List<FittedValue> fitted(List<FitRow> rows) {
            List<FittedValue> out = new ArrayList<>();
            for (Arrhenius.Fit f : arrhenius) {
                for (FitRow r : rows) {
                    if (r.species().equals(f.species()) && Arrhenius.modelName(r.species(), r.vacancyFraction()).equals(f.model())) {
                        Arrhenius.Prediction p = f.at(r.temperatureK());
                        out.add(FittedValue.at(f.model(), r, p.dCm2s(), p.dErrCm2s()));
                    }
                }
            }
            for (ModeModel.Fit f : modes) {
                for (FitRow r : rows) {
                    if (r.species().equals(f.species()) && f.spec().applies(r)) {
                        double[] p = f.predictLnD(r);
                        double d = Math.exp(p[0]);
                        out.add(FittedValue.at(f.model(), r, d, d * p[1]));
                    }
                }
            }
            return out;
        }
    }

    /**
     * A model whose numbers are not given, and why.
     *
     * @param model  model name ({@code arrhenius:<species>:vac=<v>}, …)
     * @param reason one line
     */
    public record Withheld(String model, String reason) {
        /** The parameter name of a withheld model's single row. */
        public static final String PARAMETER = "withheld";
    }

    /**
     * The fits of the rows a fit may use, and one withheld entry for every Arrhenius series left without a fit because
     * its runs do not diffuse (naming the runs and why), and for the mode models of a species that diffuses in no run:
     * no output silently lacks them. A series that still has enough diffusive temperatures is fitted as usual.
     *
     * @param eligible the rows and the runs left out ({@link FitEligibility#rows})
     */
    public static Summary fitAll(FitRows eligible, FitOptions options) {
        Summary summary = fitAll(eligible.rows(), options);
        Set<String> fitted = new TreeSet<>();
        for (Arrhenius.Fit f : summary.arrhenius()) fitted.add(f.model());
        for (Withheld w : summary.withheld()) fitted.add(w.model());
        Set<String> speciesWithRows = new TreeSet<>();
        for (FitRow r : eligible.rows()) speciesWithRows.add(r.species());
        List<Withheld> out = new ArrayList<>();
        Set<String> speciesOut = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : eligible.notDiffusive().entrySet()) {
            String species = e.getKey().split(":")[1];
            if (!speciesWithRows.contains(species)) speciesOut.add(species);
            if (fitted.contains(e.getKey())) continue;
            out.add(new Withheld(e.getKey(), "withheld: the species does not diffuse in " + e.getValue().size()
                    + " run(s) of this series, too few diffusive temperatures remain for a fit (" + String.join("; ",
                    e.getValue()) + ")"));
        }
        for (String sp : speciesOut) {
            out.add(new Withheld("modes:" + sp, "withheld: " + sp + " does not diffuse in any run; no mode-ratio model"));
        }
        return summary.withWithheld(out);
    }

    /**
     * @param rows    all rows
     * @param options options
     * @return the fits
     * @throws IllegalArgumentException naming the first bad row
     */
    public static Summary fitAll(List<FitRow> rows, FitOptions options) {
        FitRow.validate(rows);
        List<String> skipped = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        List<Arrhenius.Fit> arr = new ArrayList<>();
        for (Arrhenius.Fit f : Arrhenius.fitAll(rows, options, skipped)) {
            if (f.eaEv() > 0) {
                arr.add(f);
            } else {
                withheld.add(new Withheld(f.model(), String.format(java.util.Locale.ROOT, "withheld: the fitted activation"
                        + " energy is not positive (Ea = %.3g ± %.2g eV): D does not rise with temperature, so this is not"
                        + " thermally activated diffusion; no Ea, D0 or extrapolation is given", f.eaEv(), f.eaErrEv())));
            }
        }
        List<ModeModel.Fit> modes = new ArrayList<>();
        for (Map.Entry<String, List<ModeModel.Spec>> e : CrossValidation.modeModelsBySpecies(rows).entrySet()) {
            List<FitRow> rowsS = new ArrayList<>();
            for (FitRow r : rows) {
                if (r.species().equals(e.getKey())) {
                    rowsS.add(r);
                }
            }
            for (ModeModel.Spec spec : e.getValue()) {
                try {
                    ModeModel.Fit f = ModeModel.fitValidated(spec, e.getKey(), rowsS, options);
                    String against = contradicts(f);
                    if (against == null) {
                        modes.add(f);
                    } else {
                        withheld.add(new Withheld(f.model(), against));
                    }
                } catch (ModeModel.TooFewConditions ex) {
                    String model = spec.name(e.getKey());
                    withheld.add(new Withheld(model, "withheld: " + ex.getMessage().substring(model.length() + 2)));
                } catch (IllegalArgumentException ex) {
                    skipped.add(ex.getMessage());
                }
            }
        }
        return new Summary(List.copyOf(arr), List.copyOf(modes), List.copyOf(skipped), List.copyOf(withheld));
    }

    /**
     * Why a fitted power law contradicts the premise of a mode-ratio model (D rises with the fraction of unstable or
     * double-well modes), or null: an exponent n ≤ 0 means D falls, or does not change, as the fraction rises.
     */
    private static String contradicts(ModeModel.Fit f) {
        if (f.spec().form() != ModeModel.Form.POWER_LAW || f.beta()[1] > 0) return null;
        return String.format(java.util.Locale.ROOT, "withheld: the fitted exponent is not positive (n = %.3g ± %.2g): D"
                + " does not rise with the mode fraction, so the data do not support a mode-ratio model of D",
                f.beta()[1], Math.sqrt(f.cov()[1][1]));
    }
}
