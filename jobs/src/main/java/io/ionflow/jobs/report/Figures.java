package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.Labels;
import io.ionflow.analyze.fit.Arrhenius;
import io.ionflow.analyze.fit.CvPrediction;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.jobs.report.ReportData.Curve;
import io.ionflow.analyze.fit.FittedValue;
import io.ionflow.jobs.report.ReportData.Score;
import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.ConditionMeans.ModeConditionMean;
import io.ionflow.analyze.fit.RunCondition;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The report's figures, built with XChart (one {@link XYChart} each; rendered to PNG and SVG by the caller).
 * Curves of many runs share one figure per species: colour encodes temperature (plasma scale, cold = dark blue,
 * hot = orange), line style the vacancy fraction; the legend names each condition once (or each temperature
 * once when there are more than {@value #MAX_LEGEND} conditions).
 */
final class Figures {
    private Figures() {}

    static final int MAX_LEGEND = 14;
    private static final double LN10 = Math.log(10);

    /** A figure: stable file base name, title, caption (HTML-escaped by the caller), chart. */
    record Figure(String name, String title, String caption, XYChart chart) {}

    // ------------------------------------------------------------------------------------------ curve families

    /** Styling of a set of curves by run condition. */
    private static final class CurveStyle {
        final double tMin;
        final double tMax;
        final Map<String, Integer> vacIndex = new TreeMap<>(Comparator.comparingDouble(Double::parseDouble));
        final boolean perTemperatureLegend;
        final java.util.Set<String> shown = new java.util.HashSet<>();

        CurveStyle(List<Curve> curves, Map<String, RunCondition> cond) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            TreeSet<String> conditions = new TreeSet<>();
            for (Curve c : curves) {
                RunCondition rc = cond.get(c.runId());
                if (rc == null) continue;
                lo = Math.min(lo, rc.temperatureK());
                hi = Math.max(hi, rc.temperatureK());
                vacIndex.put(Labels.vacancy(rc.vacancyFraction()), 0);
                conditions.add(label(rc));
            }
            int i = 0;
            for (Map.Entry<String, Integer> e : vacIndex.entrySet()) e.setValue(i++);
            tMin = lo;
            tMax = hi;
            perTemperatureLegend = conditions.size() > MAX_LEGEND;
        }

        Color color(RunCondition rc) {
            return rc == null ? Color.GRAY : Charts.temperatureColor(rc.temperatureK(), tMin, tMax);
        }

        java.awt.BasicStroke dash(RunCondition rc) {
            return rc == null ? SeriesLines.SOLID : Charts.dash(vacIndex.getOrDefault(Labels.vacancy(rc.vacancyFraction()), 0));
        }

        /** Legend label if this curve is the first of its group, else null. */
        String legend(RunCondition rc) {
            String l = rc == null ? "condition unknown" : perTemperatureLegend ? "T=" + Labels.temperature(rc.temperatureK()) + " K" : label(rc);
            return shown.add(l) ? l : null;
        }

        String styleNote() {
            StringBuilder sb = new StringBuilder("Colour: temperature");
            if (Double.isFinite(tMin)) sb.append(" (").append(Labels.temperature(tMin)).append("–").append(Labels.temperature(tMax)).append(" K)");
            if (vacIndex.size() > 1) {
                sb.append("; line style: vacancy fraction (");
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, Integer> e : vacIndex.entrySet()) parts.add(e.getKey() + " " + Charts.dashName(e.getValue()));
                sb.append(String.join(", ", parts)).append(')');
            }
            return sb.append('.').toString();
        }

        static String label(RunCondition rc) {
            return "T=" + Labels.temperature(rc.temperatureK()) + " K, vac=" + Labels.vacancy(rc.vacancyFraction());
        }
    }

    /** Curves sorted by temperature, vacancy fraction, run id (so legends read in order). */
    private static List<Curve> sorted(List<Curve> curves, Map<String, RunCondition> cond) {
        List<Curve> out = new ArrayList<>(curves);
        out.sort(Comparator.<Curve>comparingDouble(c -> cond.containsKey(c.runId()) ? cond.get(c.runId()).temperatureK() : Double.MAX_VALUE)
                .thenComparingDouble(c -> cond.containsKey(c.runId()) ? cond.get(c.runId()).vacancyFraction() : 0)
                .thenComparing(Curve::runId));
        return out;
    }

    /**
     * Draws each curve (in legend order, styled by its run's condition) with the points {@code keep} leaves of it; a
     * curve left with fewer than 2 points is not drawn. {@code then} sees each drawn curve with its points.
     *
     * @return how many curves were drawn
     */
    private static int draw(XYChart chart, CurveStyle st, List<Curve> curves, Map<String, RunCondition> cond,
                            UnaryOperator<double[][]> keep, BiConsumer<Curve, double[][]> then) {
        int n = 0;
        for (Curve c : sorted(curves, cond)) {
            double[][] p = keep.apply(new double[][] {c.x(), c.y()});
            if (p[0].length < 2) continue;
            RunCondition rc = cond.get(c.runId());
            String legend = st.legend(rc);
            Charts.line(chart, legend != null ? legend : c.runId(), p[0], p[1], st.color(rc), st.dash(rc), 1.4f)
                    .setShowInLegend(legend != null);
            then.accept(c, p);
            n++;
        }
        return n;
    }

    /** MSD of one species, all runs, log–log, the fit window of each run drawn thick. */
    static Optional<Figure> msd(String species, List<Curve> all, Map<String, RunCondition> cond, List<DiffusionRow> diffusion) {
        List<Curve> curves = all.stream().filter(c -> c.species().equals(species)).toList();
        if (curves.isEmpty()) return Optional.empty();
        Map<String, double[]> window = new TreeMap<>();
        for (DiffusionRow d : diffusion) {
            if (d.species().equals(species) && d.method().equals("msd") && d.fitStartPs() > 0 && d.fitEndPs() > d.fitStartPs()) {
                window.put(d.runId(), new double[] {d.fitStartPs(), d.fitEndPs()});
            }
        }
        XYChart chart = Charts.xy("Mean-square displacement of " + species, "lag time (ps)", "MSD (Å²)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        CurveStyle st = new CurveStyle(curves, cond);
        int[] windows = {0};
        int n = draw(chart, st, curves, cond, p -> positive(p[0], p[1]), (c, p) -> {
            double[] w = window.get(c.runId());
            double[][] in = w == null ? new double[2][0] : between(p[0], p[1], w[0], w[1]);
            if (in[0].length >= 2) {
                Charts.line(chart, c.runId() + " fit window", in[0], in[1], st.color(cond.get(c.runId())), SeriesLines.SOLID,
                        4.5f).setShowInLegend(false);
                windows[0]++;
            }
        });
        if (n == 0) return Optional.empty();
        String cap = n + " runs. " + st.styleNote() + (windows[0] > 0
                ? " Thick segments: the fit window of D (fit_start_ps–fit_end_ps of analysis/diffusion, method msd)."
                : " No fit windows (no msd rows in analysis/diffusion for this species).");
        return Optional.of(new Figure("msd_" + Charts.slug(species), "MSD — " + species, cap, chart));
    }

    /** Normalised VACF of one species, all runs. */
    static Optional<Figure> vacf(String species, List<Curve> all, Map<String, RunCondition> cond, boolean normalised) {
        List<Curve> curves = all.stream().filter(c -> c.species().equals(species) && c.x().length >= 2).toList();
        if (curves.isEmpty()) return Optional.empty();
        XYChart chart = Charts.xy("Velocity autocorrelation of " + species, "lag time (ps)",
                normalised ? "VACF(t) / VACF(0)" : "VACF (Å²/ps²)");
        CurveStyle st = new CurveStyle(curves, cond);
        draw(chart, st, curves, cond, p -> p, (c, p) -> { });
        chart.addAnnotation(new AnnotationLine(0, false, false));
        return Optional.of(new Figure("vacf_" + Charts.slug(species), "VACF — " + species, curves.size() + " runs. " + st.styleNote(), chart));
    }

    /** VDOS of one species (or "total"), all runs; the frequency axis ends where 99.5 % of the spectrum is covered. */
    static Optional<Figure> vdos(String species, List<Curve> all, Map<String, RunCondition> cond) {
        List<Curve> curves = all.stream().filter(c -> c.species().equals(species) && c.x().length >= 2).toList();
        if (curves.isEmpty()) return Optional.empty();
        double hi = 0;
        for (Curve c : curves) hi = Math.max(hi, quantileX(c.x(), c.y(), 0.995));
        double xMax = hi > 0 ? hi * 1.15 : Double.POSITIVE_INFINITY;
        XYChart chart = Charts.xy("Vibrational density of states — " + species, "frequency (THz)", "VDOS (1/THz)");
        CurveStyle st = new CurveStyle(curves, cond);
        int n = draw(chart, st, curves, cond, p -> between(p[0], p[1], 0, xMax), (c, p) -> { });
        if (n == 0) return Optional.empty();
        return Optional.of(new Figure("vdos_" + Charts.slug(species), "VDOS — " + species,
                n + " runs. " + st.styleNote() + " From the Fourier transform of the VACF.", chart));
    }

    /** INM density of states of every run, imaginary branch on the negative axis. */
    static Optional<Figure> inmDos(List<Curve> curves0, Map<String, RunCondition> cond) {
        List<Curve> curves = curves0.stream().filter(c -> c.x().length >= 2).toList();
        if (curves.isEmpty()) return Optional.empty();
        double lo = 0;
        double hi = 0;
        for (Curve c : curves) {
            lo = Math.min(lo, quantileX(c.x(), c.y(), 0.002));
            hi = Math.max(hi, quantileX(c.x(), c.y(), 0.998));
        }
        double pad = 0.08 * (hi - lo);
        double from = lo - pad;
        double to = hi + pad;
        XYChart chart = Charts.xy("Instantaneous-normal-mode density of states", "frequency ν (THz); ν < 0: imaginary (unstable) modes, |ν| shown",
                "INM DOS (1/THz)");
        CurveStyle st = new CurveStyle(curves, cond);
        if (draw(chart, st, curves, cond, p -> between(p[0], p[1], from, to), (c, p) -> { }) == 0) {
            return Optional.empty();
        }
        chart.addAnnotation(new AnnotationLine(0, true, false));
        return Optional.of(new Figure("inm_dos", "INM density of states", curves.size() + " runs. " + st.styleNote()
                + " Left of the vertical line: the imaginary branch (unstable modes), plotted at ν = −|ν|; its area is f_u.", chart));
    }

    // ------------------------------------------------------------------------------------------ condition means

    /** f_u versus T, one series per vacancy fraction, condition means with propagated errors. */
    static Optional<Figure> fuVsT(List<ModeConditionMean> means) {
        TreeMap<Double, List<ModeConditionMean>> byVac = new TreeMap<>();
        for (ModeConditionMean m : means) byVac.computeIfAbsent(m.condition().vacancyFraction(), k -> new ArrayList<>()).add(m);
        if (byVac.isEmpty()) return Optional.empty();
        XYChart chart = Charts.xy("Fraction of unstable modes versus temperature", "temperature (K)", "f_u (fraction of 3N INMs)");
        int i = 0;
        for (Map.Entry<Double, List<ModeConditionMean>> e : byVac.entrySet()) {
            List<ModeConditionMean> ms = e.getValue();
            XYSeries s = Charts.points(chart, "vac=" + Labels.vacancy(e.getKey()), column(ms, m -> m.condition().temperatureK()),
                    column(ms, m -> m.fU().value()), column(ms, m -> Double.isFinite(m.fU().err()) ? m.fU().err() : 0),
                    Charts.category(i), Charts.marker(i));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            i++;
        }
        return Optional.of(new Figure("fu_vs_t", "f_u versus T",
                "Mean over the runs (replicas) of each condition; error bars: propagated standard error of the per-run means.", chart));
    }

    /** Arrhenius plot of one species: log10 D versus 1000/T with error bars and the per-series fits. */
    static Optional<Figure> arrhenius(String species, List<FitRow> points, List<ModelParameter> params, String method) {
        TreeMap<String, List<FitRow>> byVac = new TreeMap<>(Comparator.comparingDouble(Double::parseDouble));
        for (FitRow r : points) if (r.species().equals(species)) byVac.computeIfAbsent(Labels.vacancy(r.vacancyFraction()), k -> new ArrayList<>()).add(r);
        if (byVac.isEmpty()) return Optional.empty();
        Map<String, Map<String, ModelParameter>> fits = paramsByModel(params);
        XYChart chart = Charts.xy("Arrhenius plot — " + species, "1000 / T (1/K)", "log10 D (D in cm²/s)");
        int i = 0;
        int lines = 0;
        for (Map.Entry<String, List<FitRow>> e : byVac.entrySet()) {
            List<FitRow> rs = e.getValue();
            double[] x = column(rs, r -> 1000.0 / r.temperatureK());
            double xLo = Arrays.stream(x).min().getAsDouble();
            double xHi = Arrays.stream(x).max().getAsDouble();
            Color col = Charts.category(i);
            Charts.points(chart, "vac=" + e.getKey() + " (" + species + ", " + method + ")", x,
                    column(rs, r -> Math.log10(r.dCm2s())), column(rs, Figures::log10Err), col, Charts.marker(i));
            Map<String, ModelParameter> f = fits.get(Arrhenius.modelName(species, Double.parseDouble(e.getKey())));
            if (f != null && f.containsKey("Ea_eV") && f.containsKey("lnD0")) {
                double ea = f.get("Ea_eV").value();
                double lnD0 = f.get("lnD0").value();
                double pad = 0.04 * Math.max(xHi - xLo, 0.05);
                double[] lx = new double[40];
                double[] ly = new double[40];
                for (int k = 0; k < 40; k++) {
                    lx[k] = xLo - pad + (xHi - xLo + 2 * pad) * k / 39.0;
                    double t = 1000.0 / lx[k];
                    ly[k] = (lnD0 - ea / (Arrhenius.KB_EV_PER_K * t)) / LN10;
                }
                double eaErr = f.get("Ea_eV").stderr();
                Charts.line(chart, String.format(Locale.ROOT, "fit vac=%s: Ea = %.3f ± %.3f eV", e.getKey(), ea, eaErr), lx, ly, col,
                        SeriesLines.SOLID, 1.6f);
                lines++;
            }
            i++;
        }
        String cap = "Points: D per run (" + method + ") with ±1σ error bars; " + (lines > 0
                ? "lines: weighted Arrhenius fits D = D0·exp(−Ea/k_BT) per vacancy fraction (analysis/fits/parameters)."
                : "no fit lines (run the fit job).");
        return Optional.of(new Figure("arrhenius_" + Charts.slug(species), "Arrhenius — " + species, cap, chart));
    }

    /** D versus f_u of one species (log–log) with the mode-ratio fits. */
    static Optional<Figure> dVsFu(String species, List<FitRow> points, List<ModelParameter> params, List<FittedValue> fitted) {
        TreeMap<String, List<FitRow>> byVac = new TreeMap<>(Comparator.comparingDouble(Double::parseDouble));
        double fLo = Double.POSITIVE_INFINITY;
        double fHi = Double.NEGATIVE_INFINITY;
        for (FitRow r : points) {
            if (!r.species().equals(species) || !(r.fU() > 0)) continue;
            byVac.computeIfAbsent(Labels.vacancy(r.vacancyFraction()), k -> new ArrayList<>()).add(r);
            fLo = Math.min(fLo, r.fU());
            fHi = Math.max(fHi, r.fU());
        }
        if (byVac.isEmpty()) return Optional.empty();
        XYChart chart = Charts.xy("D versus the fraction of unstable modes — " + species, "log10 f_u", "log10 D (D in cm²/s)");
        int i = 0;
        for (Map.Entry<String, List<FitRow>> e : byVac.entrySet()) {
            List<FitRow> rs = e.getValue();
            Charts.points(chart, "vac=" + e.getKey() + " (observed)", column(rs, r -> Math.log10(r.fU())),
                    column(rs, r -> Math.log10(r.dCm2s())), column(rs, Figures::log10Err), Charts.category(i), Charts.marker(i));
            i++;
        }
        List<String> shown = new ArrayList<>();
        if (powerLaw(chart, species, params, fLo, fHi)) shown.add("powerlaw");
        shown.addAll(keyes(chart, species, fitted));
        String cap = "Observed D per run (±1σ) against its run's mean f_u; " + (shown.isEmpty()
                ? "no mode-ratio fits (run the fit job with a modes table)."
                : "fits of analysis/fits: " + String.join(", ", shown) + " (powerlaw D = A·f_u^n; keyes D = C·f_u·⟨ν_u⟩;"
                + " keyes-act D = C·f_u·⟨ν_u⟩·exp(−E/k_BT)). The Keyes forms also depend on ⟨ν_u⟩ (and T), so they"
                + " are shown as fitted values at each run rather than as a curve in f_u.");
        return Optional.of(new Figure("d_vs_fu_" + Charts.slug(species), "D versus f_u — " + species, cap, chart));
    }

    /** The power-law fit D = A·f_u^n as a line over the f_u range; whether the archive has it. */
    private static boolean powerLaw(XYChart chart, String species, List<ModelParameter> params, double fLo, double fHi) {
        Map<String, ModelParameter> pl = paramsByModel(params).get("powerlaw:" + species);
        if (pl == null || !pl.containsKey("lnA") || !pl.containsKey("n")) return false;
        double lnA = pl.get("lnA").value();
        double n = pl.get("n").value();
        double a = Math.log10(fLo);
        double b = Math.log10(fHi);
        double pad = 0.05 * Math.max(b - a, 0.05);
        double[] lx = {a - pad, b + pad};
        double[] ly = {(lnA + n * lx[0] * LN10) / LN10, (lnA + n * lx[1] * LN10) / LN10};
        Charts.line(chart, String.format(Locale.ROOT, "powerlaw fit, n = %.2f ± %.2f", n, pl.get("n").stderr()), lx, ly,
                Color.BLACK, SeriesLines.SOLID, 1.8f);
        return true;
    }

    /** The Keyes fits' values at each run (they depend on ⟨ν_u⟩ and T too, so no curve in f_u); the models drawn. */
    private static List<String> keyes(XYChart chart, String species, List<FittedValue> fitted) {
        List<String> shown = new ArrayList<>();
        String[] keyes = {"keyes", "keyes-act"};
        Color[] kc = {new Color(0x55, 0x55, 0x55), new Color(0x99, 0x99, 0x99)};
        for (int k = 0; k < keyes.length; k++) {
            String model = keyes[k] + ":" + species;
            List<FittedValue> pts = fitted.stream().filter(f -> f.model().equals(model) && f.fU() > 0 && f.dFitCm2s() > 0).toList();
            if (pts.isEmpty()) continue;
            Charts.points(chart, keyes[k] + " fit (value per run)", column(pts, f -> Math.log10(f.fU())),
                    column(pts, f -> Math.log10(f.dFitCm2s())), null, kc[k], k == 0 ? SeriesMarkers.PLUS : SeriesMarkers.CROSS);
            shown.add(keyes[k]);
        }
        return shown;
    }

    /** Predicted versus observed D of every model of one species in one cross-validation scheme. */
    static Optional<Figure> cv(String scheme, String species, List<CvPrediction> preds, List<Score> scores) {
        Map<String, List<CvPrediction>> byModel = new LinkedHashMap<>();
        for (CvPrediction p : preds) {
            if (p.scheme().equals(scheme) && p.species().equals(species) && p.predicted() && p.dObservedCm2s() > 0) {
                byModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
            }
        }
        if (byModel.isEmpty()) return Optional.empty();
        Map<String, Double> rmse = new TreeMap<>();
        for (Score s : scores) if (s.heldout().equals("pooled:" + scheme)) rmse.put(s.model(), s.rmseLog10D());
        XYChart chart = Charts.xy("Cross-validation (" + scheme + ") — " + species, "log10 D observed (cm²/s)",
                "log10 D predicted (cm²/s)");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (Map.Entry<String, List<CvPrediction>> e : byModel.entrySet()) {
            double[] x = column(e.getValue(), p -> Math.log10(p.dObservedCm2s()));
            double[] y = column(e.getValue(), p -> Math.log10(p.dPredictedCm2s()));
            for (int k = 0; k < x.length; k++) {
                lo = Math.min(lo, Math.min(x[k], y[k]));
                hi = Math.max(hi, Math.max(x[k], y[k]));
            }
            Double r = rmse.get(e.getKey());
            String name = e.getKey() + (r == null || r.isNaN() ? "" : String.format(Locale.ROOT, " (RMSE %.3f)", r));
            Charts.points(chart, name, x, y, null, Charts.category(i), Charts.marker(i));
            i++;
        }
        double pad = 0.05 * Math.max(hi - lo, 0.1);
        XYSeries diag = Charts.line(chart, "predicted = observed", new double[] {lo - pad, hi + pad}, new double[] {lo - pad, hi + pad},
                Color.GRAY, SeriesLines.DASH_DASH, 1.0f);
        diag.setShowInLegend(true);
        String shortName = scheme.equals("leave-one-condition-out") ? "loco" : scheme.equals("leave-one-vacancy-fraction-out") ? "lovo"
                : Charts.slug(scheme);
        return Optional.of(new Figure("cv_" + shortName + "_" + Charts.slug(species), "Cross-validation " + scheme + " — " + species,
                "Each held-out run predicted by every model fitted without its fold; RMSE of log10 D pooled over all folds.", chart));
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Map<String, Map<String, ModelParameter>> paramsByModel(List<ModelParameter> params) {
        Map<String, Map<String, ModelParameter>> out = new LinkedHashMap<>();
        for (ModelParameter p : params) out.computeIfAbsent(p.model(), k -> new LinkedHashMap<>()).put(p.parameter(), p);
        return out;
    }

    /** Points with x &gt; 0 and y &gt; 0 (for log axes). */
    static double[][] positive(double[] x, double[] y) {
        return kept(x, y, i -> x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i]));
    }

    /** Finite points with lo ≤ x ≤ hi. */
    static double[][] between(double[] x, double[] y, double lo, double hi) {
        return kept(x, y, i -> x[i] >= lo && x[i] <= hi && Double.isFinite(y[i]));
    }

    /** The points whose index passes {@code keep}, in order: {x, y}. */
    private static double[][] kept(double[] x, double[] y, IntPredicate keep) {
        int[] at = IntStream.range(0, x.length).filter(keep).toArray();
        return new double[][] {Arrays.stream(at).mapToDouble(i -> x[i]).toArray(), Arrays.stream(at).mapToDouble(i -> y[i]).toArray()};
    }

    /** One value of each item, in order: a series' x, y or error column. */
    private static <T> double[] column(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().mapToDouble(value).toArray();
    }

    /** The standard error of log10 D. */
    private static double log10Err(FitRow r) {
        return r.dErrCm2s() / (r.dCm2s() * LN10);
    }

    /** x below which a fraction q of the area under |y| lies (trapezoid rule on the given points). */
    static double quantileX(double[] x, double[] y, double q) {
        double total = 0;
        for (int i = 1; i < x.length; i++) total += 0.5 * (Math.abs(y[i]) + Math.abs(y[i - 1])) * (x[i] - x[i - 1]);
        if (!(total > 0)) return x.length == 0 ? 0 : x[x.length - 1];
        double acc = 0;
        for (int i = 1; i < x.length; i++) {
            acc += 0.5 * (Math.abs(y[i]) + Math.abs(y[i - 1])) * (x[i] - x[i - 1]);
            if (acc >= q * total) return x[i];
        }
        return x[x.length - 1];
    }
}
