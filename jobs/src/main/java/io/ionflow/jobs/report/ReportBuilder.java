package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.Labels;
import io.ionflow.analyze.fit.Condition;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.jobs.report.Figures.Figure;
import io.ionflow.jobs.report.ReportData.Score;
import io.ionflow.jobs.archive.Csv;
import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Renders {@link ReportData} into the files of {@code report/}: {@code index.html} (self-contained: inline CSS, one
 * small inline script, no network references; figures by relative path), {@code figures/<name>.png} and
 * {@code figures/<name>.svg} for every figure, and the condition tables {@code d_by_condition.csv},
 * {@code fu_by_condition.csv}. Pure Java (no Spark, no file system): the caller writes the returned bytes.
 *
 * <p>The inline script sets {@code data-images-loaded} / {@code data-images-total} on {@code <body>} after the page
 * has loaded (images with {@code naturalWidth > 0} versus all images), so a headless browser can check that every
 * figure displays.
 */
public final class ReportBuilder {
    static {
        Charts.headless();
    }

    private ReportBuilder() {}

    /**
     * @param files    relative path → content, in write order ({@code index.html} last)
     * @param figures  figure base names (each has a .png and an .svg)
     * @param messages what could not be drawn (one line each)
     * @param vacancy  the vacancy-effect statement
     */
    public record Output(Map<String, byte[]> files, List<String> figures, List<String> messages, VacancyEffect.Result vacancy) {}

    public static Output build(ReportData d, String version, Instant now) {
        Page p = new Page(d);
        VacancyEffect.Result vac = VacancyEffect.compute(d.points(), d.conditions(), d.modes(), "Ag",
                d.pointsMethod() == null ? "msd" : d.pointsMethod());
        p.head(vac, version, now);
        p.diffusion();
        p.vibrations();
        p.modes();
        p.modeModels();
        p.crossValidation();
        p.dataFiles();
        p.missingInputs();
        p.h.raw(IMAGE_CHECK_SCRIPT);
        p.h.raw("</body>\n</html>\n");
        p.files.put("index.html", p.h.toString().getBytes(StandardCharsets.UTF_8));
        return new Output(p.files, p.figureNames, p.messages, vac);
    }

    /** index.html being written, section by section, with the files and figures it links to. */
    private static final class Page {
        final ReportData d;
        final Html h = new Html();
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final List<String> messages = new ArrayList<>();
        final List<String> figureNames = new ArrayList<>();
        final List<String> dSpecies;
        final List<ModelParameter> params;

        Page(ReportData d) {
            this.d = d;
            this.dSpecies = speciesOf(d.points());
            this.params = d.fits() == null ? List.of() : d.fits().parameters();
        }

        void figure(String what, Supplier<Optional<Figure>> draw) {
            ReportBuilder.figure(h, files, figureNames, messages, what, draw);
        }

        /** Head, title line, the answer to the vacancy question and the navigation. */
        void head(VacancyEffect.Result vac, String version, Instant now) {
            h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>IonFlow report</title>\n<style>\n")
                    .raw(CSS).raw("</style>\n</head>\n<body>\n");
            h.tag("h1", "IonFlow report");
            h.raw("<p class=\"meta\">Archive <code>").text(d.archive()).raw("</code> · ").text(d.conditions().size() + " runs")
                    .raw(" · generated ").text(now.truncatedTo(ChronoUnit.SECONDS).toString()).raw(" by ionflow ").text(version)
                    .raw(" · units: Å, ps, K, eV; D in cm²/s</p>\n");

            h.raw("<section class=\"answer\" id=\"vacancy-effect\">\n<h2>Do Te vacancies raise D_Ag and f_u at 500 K?</h2>\n<p>")
                    .text(vac.sentence()).raw("</p>\n</section>\n");

            h.raw("<nav><a href=\"#diffusion\">Diffusion</a> · <a href=\"#vibrations\">VACF and VDOS</a> · <a href=\"#modes\">Unstable modes</a>"
                    + " · <a href=\"#models\">Mode-ratio models</a> · <a href=\"#cv\">Cross-validation</a> · <a href=\"#files\">Data files</a>"
                    + " · <a href=\"#missing\">Missing inputs</a></nav>\n");
        }

        void diffusion() {
            h.raw("<section id=\"diffusion\">\n<h2>Diffusion</h2>\n");
            if (d.diffusion().isEmpty()) {
                h.tag("p", "No diffusion coefficients (analysis/diffusion is missing).");
            } else {
                h.tag("h3", "D by condition");
                h.tag("p", "Mean over the runs of each condition (source: " + d.diffusionSource() + "), ± the propagated standard error "
                        + "√(Σσ²)/n. Per-run values: diffusion.csv.");
                String csv = dTable(h, d);
                files.put("d_by_condition.csv", csv.getBytes(StandardCharsets.UTF_8));
            }
            Map<String, String> notDiffusive = notDiffusiveSpecies(d.diffusion());
            if (!notDiffusive.isEmpty()) {
                h.tag("p", "Not diffusive in any run, so no D of theirs enters a fit or a model (their figures are collapsed): "
                        + String.join("; ", notDiffusive.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .toList()) + ".");
            }
            for (String s : speciesOfCurves(d.msd())) {
                boolean collapse = notDiffusive.containsKey(s);
                if (collapse) {
                    h.raw("<details><summary>MSD ").text(s).raw(": not diffusive in any run (show)</summary>\n");
                }
                figure("MSD " + s, () -> Figures.msd(s, d.msd(), d.conditions(), d.diffusion()));
                if (collapse) {
                    h.raw("</details>\n");
                }
            }
            arrhenius();
            h.raw("</section>\n");
        }

        /** The Arrhenius figures, where their points come from, and the activation energies. */
        private void arrhenius() {
            for (String s : dSpecies) {
                figure("Arrhenius " + s, () -> Figures.arrhenius(s, d.points(), params, d.pointsMethod()));
            }
            if (!d.points().isEmpty()) {
                h.tag("p", "Points of the Arrhenius and D–f_u figures: " + d.pointsSource() + " (method " + d.pointsMethod() + ").");
            }
            if (d.fits() != null) {
                h.tag("h3", "Activation energies");
                eaTable(h, d);
            }
        }

        void vibrations() {
            h.raw("<section id=\"vibrations\">\n<h2>Velocity autocorrelation and vibrational density of states</h2>\n");
            if (d.vacf().isEmpty() && d.vdos().isEmpty()) h.tag("p", "No VACF or VDOS tables (analysis/vacf, analysis/vdos).");
            for (String s : speciesOfCurves(d.vacf())) {
                figure("VACF " + s, () -> Figures.vacf(s, d.vacf(), d.conditions(), d.vacfNormalised()));
            }
            for (String s : speciesOfCurves(d.vdos())) {
                figure("VDOS " + s, () -> Figures.vdos(s, d.vdos(), d.conditions()));
            }
            h.raw("</section>\n");
        }

        void modes() {
            h.raw("<section id=\"modes\">\n<h2>Unstable instantaneous normal modes</h2>\n");
            if (d.inmDos().isEmpty() && d.modes().isEmpty()) h.tag("p", "No modes tables (analysis/modes, analysis/inm_dos, report/modes.csv).");
            figure("INM DOS", () -> Figures.inmDos(d.inmDos(), d.conditions()));
            figure("f_u vs T", () -> Figures.fuVsT(d.modes(), d.conditions()));
            if (!d.modes().isEmpty()) {
                h.tag("h3", "f_u by condition");
                h.tag("p", "Per-run mode means from " + d.modesSource() + "; mean over the runs of each condition ± propagated standard error.");
                String csv = fuTable(h, d);
                files.put("fu_by_condition.csv", csv.getBytes(StandardCharsets.UTF_8));
            }
            h.raw("</section>\n");
        }

        void modeModels() {
            h.raw("<section id=\"models\">\n<h2>D and the fraction of unstable modes</h2>\n");
            boolean anyFu = false;
            for (FitRow r : d.points()) anyFu |= r.fU() > 0;
            if (!anyFu) h.tag("p", "No run has both D and f_u: the D–f_u figure and the mode-ratio models need a modes table.");
            for (String s : dSpecies) {
                figure("D vs f_u " + s, () -> Figures.dVsFu(s, d.points(), params, d.fits() == null ? List.of() : d.fits().fitted()));
            }
            if (d.fits() != null) modelTable(h, d);
            h.raw("</section>\n");
        }

        void crossValidation() {
            h.raw("<section id=\"cv\">\n<h2>Cross-validation</h2>\n");
            if (d.fits() == null) {
                h.tag("p", "No fits (analysis/fits is missing): run the fit job.");
            } else {
                cvTable(h, d);
                TreeSet<String> schemes = new TreeSet<>();
                for (Score s : d.fits().scores()) if (!s.scheme().isEmpty()) schemes.add(s.scheme());
                for (String scheme : schemes) {
                    for (String sp : dSpecies) {
                        figure("CV " + scheme + " " + sp, () -> Figures.cv(scheme, sp, d.fits().predictions(), d.fits().scores()));
                    }
                }
            }
            h.raw("</section>\n");
        }

        void dataFiles() {
            h.raw("<section id=\"files\">\n<h2>Data files</h2>\n<ul>\n");
            TreeSet<String> csvs = new TreeSet<>(d.csvFiles());
            csvs.add("d_by_condition.csv");
            csvs.add("fu_by_condition.csv");
            for (String f : csvs) {
                if (!d.csvFiles().contains(f) && !files.containsKey(f)) continue;
                h.raw("<li><a href=\"").attr(f).raw("\">").text(f).raw("</a>").text(" — " + describeCsv(f)).raw("</li>\n");
            }
            h.raw("</ul>\n<p>Every figure is also available as SVG (link under each figure).</p>\n</section>\n");
        }

        void missingInputs() {
            h.raw("<section id=\"missing\">\n<h2>Missing inputs and notes</h2>\n");
            List<String> notes = new ArrayList<>(d.missing());
            notes.addAll(messages);
            if (notes.isEmpty()) {
                h.tag("p", "Nothing missing: every input table was found.");
            } else {
                h.raw("<ul>\n");
                for (String m : notes) h.raw("<li>").text(m).raw("</li>\n");
                h.raw("</ul>\n");
            }
            h.raw("</section>\n");
        }
    }

    /** Sets data-images-loaded / data-images-total on body once the page (and its images) have loaded. No network. */
    static final String IMAGE_CHECK_SCRIPT = "<script>\n(function () {\n  function count() {\n    var im = document.images, ok = 0;\n"
            + "    for (var i = 0; i < im.length; i++) { if (im[i].complete && im[i].naturalWidth > 0) ok++; }\n"
            + "    document.body.setAttribute('data-images-loaded', String(ok));\n"
            + "    document.body.setAttribute('data-images-total', String(im.length));\n  }\n"
            + "  if (document.readyState === 'complete') count(); else window.addEventListener('load', count);\n})();\n</script>\n";

    private static final String CSS = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1200px; color: #222; line-height: 1.45; padding: 0 16px; }
            h1 { margin-bottom: 4px; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 36px; }
            .meta { color: #666; font-size: 0.9em; } nav { margin: 16px 0; font-size: 0.95em; }
            .answer { background: #f3f7fc; border-left: 4px solid #1f77b4; padding: 4px 16px 8px; }
            .answer h2 { border: none; margin-top: 8px; }
            tr.nd td { color: #999; }
            figure { margin: 20px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: 0.9em; color: #444; max-width: 960px; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9em; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f4f4f4; }
            td.l, th.l { text-align: left; } code { font-size: 0.95em; }
            """;

    // ------------------------------------------------------------------------------------------ figures

    private static void figure(Html h, Map<String, byte[]> files, List<String> names, List<String> messages, String what,
                               Supplier<Optional<Figure>> make) {
        Figure f;
        byte[] png;
        byte[] svg;
        try {
            Optional<Figure> o = make.get();
            if (o.isEmpty()) return;
            f = o.get();
            png = Charts.png(f.chart());
            svg = Charts.svg(f.chart());
        } catch (Exception | LinkageError e) {
            messages.add("figure " + what + " could not be drawn: " + e);
            return;
        }
        String base = "figures/" + f.name();
        files.put(base + ".png", png);
        files.put(base + ".svg", svg);
        names.add(f.name());
        h.raw("<figure id=\"fig-").attr(f.name()).raw("\">\n<img src=\"").attr(base + ".png").raw("\" alt=\"").attr(f.title())
                .raw("\" width=\"").raw(String.valueOf(Charts.WIDTH)).raw("\" height=\"").raw(String.valueOf(Charts.HEIGHT)).raw("\">\n")
                .raw("<figcaption><b>").text(f.title()).raw(".</b> ").text(f.caption()).raw(" <a href=\"").attr(base + ".svg")
                .raw("\">SVG</a> · <a href=\"").attr(base + ".png").raw("\">PNG</a></figcaption>\n</figure>\n");
    }

    // ------------------------------------------------------------------------------------------ tables

    /** Species none of whose diffusion rows is diffusive, with the first reason given. */
    static Map<String, String> notDiffusiveSpecies(List<DiffusionRow> rows) {
        Map<String, String> reason = new TreeMap<>();
        Set<String> diffusive = new TreeSet<>();
        for (DiffusionRow r : rows) {
            String why = r.notDiffusive();
            if (why == null) {
                diffusive.add(r.species());
            } else {
                reason.putIfAbsent(r.species(), why);
            }
        }
        reason.keySet().removeAll(diffusive);
        return reason;
    }

    private static String dTable(Html h, ReportData d) {
        record Key(String species, String method, Condition cond) {}
        TreeMap<Key, List<double[]>> groups = new TreeMap<>(Comparator.comparing(Key::species).thenComparing(Key::method)
                .thenComparing(Key::cond, Condition.ORDER));
        int unknown = 0;
        for (DiffusionRow r : d.diffusion()) {
            RunCondition rc = d.conditions().get(r.runId());
            if (rc == null) {
                unknown++;
                continue;
            }
            groups.computeIfAbsent(new Key(r.species(), r.method(), Condition.of(rc)),
                    k -> new ArrayList<>()).add(new double[] {r.dCm2s(), r.dErrCm2s(), r.notDiffusive() == null ? 1 : 0});
        }
        Csv csv = new Csv("species", "method", "temperature_k", "vacancy_fraction", "n_runs", "d_cm2_s",
                "d_err_cm2_s", "n_diffusive");
        h.raw("<table>\n<tr><th class=\"l\">species</th><th class=\"l\">method</th><th>T (K)</th><th>vacancy fraction</th><th>runs</th>"
                + "<th>D (cm²/s)</th><th>σ_D (cm²/s)</th><th>diffusive runs</th></tr>\n");
        for (Map.Entry<Key, List<double[]>> e : groups.entrySet()) {
            io.ionflow.analyze.fit.ConditionComparison.Mean m = io.ionflow.analyze.fit.ConditionComparison.Mean.of(e.getValue());
            int nDiffusive = 0;
            for (double[] x : e.getValue()) nDiffusive += (int) x[2];
            Key k = e.getKey();
            h.raw(nDiffusive == 0 ? "<tr class=\"nd\"><td class=\"l\">" : "<tr><td class=\"l\">").text(k.species())
                    .raw("</td><td class=\"l\">").text(k.method()).raw("</td><td>")
                    .text(Labels.temperature(k.cond().temperatureK())).raw("</td><td>").text(Labels.vacancy(k.cond().vacancyFraction())).raw("</td><td>")
                    .text(String.valueOf(m.n())).raw("</td><td>").text(sci(m.value())).raw("</td><td>").text(sci(m.err()))
                    .raw("</td><td>").text(nDiffusive + "/" + m.n() + (nDiffusive == 0 ? " (not diffusive)" : "")).raw("</td></tr>\n");
            csv.row(k.species(), k.method(), k.cond().temperatureK(), k.cond().vacancyFraction(), m.n(), m.value(), m.err(), nDiffusive);
        }
        h.raw("</table>\n");
        if (unknown > 0) h.tag("p", unknown + " diffusion rows belong to runs of unknown condition and are not in the table.");
        return csv.toString();
    }

    private static String fuTable(Html h, ReportData d) {
        TreeMap<Condition, List<ModeMean>> groups = new TreeMap<>(Condition.ORDER);
        for (ModeMean m : d.modes().values()) {
            RunCondition rc = d.conditions().get(m.runId());
            if (rc == null) continue;
            groups.computeIfAbsent(Condition.of(rc), k -> new ArrayList<>()).add(m);
        }
        Csv csv = new Csv("temperature_k", "vacancy_fraction", "n_runs", "f_u", "f_u_err", "mean_unstable_thz", "f_dw");
        h.raw("<table>\n<tr><th>T (K)</th><th>vacancy fraction</th><th>runs</th><th>f_u</th><th>σ_f_u</th><th>⟨ν_u⟩ (THz)</th>"
                + "<th>f_dw</th></tr>\n");
        for (Map.Entry<Condition, List<ModeMean>> e : groups.entrySet()) {
            List<double[]> fu = new ArrayList<>();
            double nu = 0;
            int nNu = 0;
            double dw = 0;
            int nDw = 0;
            for (ModeMean m : e.getValue()) {
                if (Double.isFinite(m.fU())) fu.add(new double[] {m.fU(), m.fUErr()});
                if (Double.isFinite(m.meanUnstableThz())) {
                    nu += m.meanUnstableThz();
                    nNu++;
                }
                if (Double.isFinite(m.fDw())) {
                    dw += m.fDw();
                    nDw++;
                }
            }
            if (fu.isEmpty()) continue;
            io.ionflow.analyze.fit.ConditionComparison.Mean m = io.ionflow.analyze.fit.ConditionComparison.Mean.of(fu);
            double nuMean = nNu > 0 ? nu / nNu : Double.NaN;
            double dwMean = nDw > 0 ? dw / nDw : Double.NaN;
            h.raw("<tr><td>").text(Labels.temperature(e.getKey().temperatureK())).raw("</td><td>").text(Labels.vacancy(e.getKey().vacancyFraction())).raw("</td><td>")
                    .text(String.valueOf(m.n())).raw("</td><td>").text(fix(m.value())).raw("</td><td>").text(fix(m.err()))
                    .raw("</td><td>").text(fix(nuMean)).raw("</td><td>").text(fix(dwMean)).raw("</td></tr>\n");
            csv.row(e.getKey().temperatureK(), e.getKey().vacancyFraction(), m.n(), m.value(), m.err(), nuMean, dwMean);
        }
        h.raw("</table>\n");
        return csv.toString();
    }

    private static void eaTable(Html h, ReportData d) {
        Map<String, Map<String, ModelParameter>> by = Figures.paramsByModel(d.fits().parameters());
        TreeSet<String> extra = new TreeSet<>();
        for (Map<String, ModelParameter> m : by.values()) {
            for (String p : m.keySet()) if (p.startsWith("D_") && p.endsWith("K_cm2_s")) extra.add(p);
        }
        h.raw("<table>\n<tr><th class=\"l\">series</th><th>Ea (eV)</th><th>σ_Ea</th><th>D0 (cm²/s)</th><th>σ_D0</th><th>χ²/dof</th><th>points</th>");
        for (String e : extra) h.raw("<th>").text(e.replace("_cm2_s", " (cm²/s)")).raw("</th>");
        h.raw("<th class=\"l\">note</th></tr>\n");
        int rows = 0;
        for (Map.Entry<String, Map<String, ModelParameter>> e : by.entrySet()) {
            if (!e.getKey().startsWith("arrhenius:")) continue;
            Map<String, ModelParameter> m = e.getValue();
            h.raw("<tr><td class=\"l\">").text(e.getKey()).raw("</td><td>").text(fix(val(m, "Ea_eV"))).raw("</td><td>")
                    .text(fix(err(m, "Ea_eV"))).raw("</td><td>").text(sci(val(m, "D0_cm2_s"))).raw("</td><td>").text(sci(err(m, "D0_cm2_s")))
                    .raw("</td><td>").text(fix(val(m, "chi2_dof"))).raw("</td><td>").text(intOf(val(m, "n_points"))).raw("</td>");
            for (String x : extra) h.raw("<td>").text(sci(val(m, x)) + " ± " + sci(err(m, x))).raw("</td>");
            h.raw("<td class=\"l\">").text(d.fits().notes().getOrDefault(e.getKey(), "")).raw("</td></tr>\n");
            rows++;
        }
        h.raw("</table>\n");
        if (rows == 0) h.tag("p", "No Arrhenius series could be fitted (each needs at least 2 temperatures).");
        else h.tag("p", "All parameters with standard errors: fits.csv. D at extrapolated temperatures below ≈418 K is a formal number"
                + " for the α-phase mechanism (α-Ag2Te is not stable there).");
    }

    private static void modelTable(Html h, ReportData d) {
        Map<String, Map<String, ModelParameter>> by = Figures.paramsByModel(d.fits().parameters());
        boolean any = false;
        for (String m : by.keySet()) any |= !m.startsWith("arrhenius:");
        if (!any) {
            h.tag("p", "No mode-ratio model was fitted (no f_u in the fit inputs).");
            return;
        }
        h.tag("h3", "Mode-ratio model parameters");
        h.raw("<table>\n<tr><th class=\"l\">model</th><th class=\"l\">parameter</th><th>value</th><th>standard error</th></tr>\n");
        for (Map.Entry<String, Map<String, ModelParameter>> e : by.entrySet()) {
            if (e.getKey().startsWith("arrhenius:")) continue;
            for (ModelParameter p : e.getValue().values()) {
                if (p.parameter().equals("errors_scaled") || p.parameter().startsWith("cov_")) continue;
                h.raw("<tr><td class=\"l\">").text(p.model()).raw("</td><td class=\"l\">").text(p.parameter()).raw("</td><td>")
                        .text(num(p.value())).raw("</td><td>").text(num(p.stderr())).raw("</td></tr>\n");
            }
        }
        h.raw("</table>\n");
    }

    private static void cvTable(Html h, ReportData d) {
        h.tag("h3", "Pooled scores");
        h.tag("p", "RMSE of log10 D_predicted − log10 D_observed over the held-out runs, pooled over all folds (lower is better; "
                + "0.1 ≈ 26 % typical error). Per-fold scores: cv.csv.");
        h.raw("<table>\n<tr><th class=\"l\">scheme</th><th class=\"l\">model</th><th>RMSE log10 D</th><th>predicted / held out</th></tr>\n");
        List<Score> pooled = new ArrayList<>();
        for (Score s : d.fits().scores()) if (s.heldout().startsWith("pooled:")) pooled.add(s);
        pooled.sort(Comparator.comparing(Score::scheme).thenComparingDouble(s -> Double.isNaN(s.rmseLog10D()) ? Double.MAX_VALUE : s.rmseLog10D()));
        for (Score s : pooled) {
            h.raw("<tr><td class=\"l\">").text(s.scheme()).raw("</td><td class=\"l\">").text(s.model()).raw("</td><td>")
                    .text(Double.isNaN(s.rmseLog10D()) ? "n/a" : String.format(Locale.ROOT, "%.4f", s.rmseLog10D())).raw("</td><td>")
                    .text(s.nPredicted() + " / " + s.nHeldOut()).raw("</td></tr>\n");
        }
        h.raw("</table>\n");
    }

    private static String describeCsv(String f) {
        return switch (f) {
            case "diffusion.csv" -> "D per run, species and method, with the fit window";
            case "modes.csv" -> "mode fractions per run";
            case "fits.csv" -> "every fitted parameter (model, parameter, value, stderr)";
            case "cv.csv" -> "cross-validation RMSE per model and held-out fold (model, heldout, rmse_log10_d)";
            case "d_by_condition.csv" -> "D by condition (this report's table)";
            case "fu_by_condition.csv" -> "f_u by condition (this report's table)";
            default -> "table";
        };
    }

    // ------------------------------------------------------------------------------------------ helpers

    static List<String> speciesOf(List<FitRow> rows) {
        TreeSet<String> s = new TreeSet<>();
        for (FitRow r : rows) s.add(r.species());
        return new ArrayList<>(s);
    }

    /** Species of curves, "total" last. */
    static List<String> speciesOfCurves(List<ReportData.Curve> curves) {
        TreeSet<String> s = new TreeSet<>();
        for (ReportData.Curve c : curves) s.add(c.species());
        List<String> out = new ArrayList<>(s);
        if (out.remove("total")) out.add("total");
        return out;
    }

    private static double val(Map<String, ModelParameter> m, String p) {
        ModelParameter x = m.get(p);
        return x == null ? Double.NaN : x.value();
    }

    private static double err(Map<String, ModelParameter> m, String p) {
        ModelParameter x = m.get(p);
        return x == null ? Double.NaN : x.stderr();
    }

    static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3e", v) : "–";
    }

    static String fix(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    static String num(double v) {
        if (!Double.isFinite(v)) return "–";
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.5g", v);
    }

    static String intOf(double v) {
        return Double.isFinite(v) ? String.valueOf(Math.round(v)) : "–";
    }

    /** A tiny HTML writer that escapes text and attribute values. */
    static final class Html {
        private final StringBuilder sb = new StringBuilder();

        Html raw(String s) {
            sb.append(s);
            return this;
        }

        Html text(String s) {
            sb.append(escape(s == null ? "" : s));
            return this;
        }

        Html attr(String s) {
            return text(s);
        }

        Html tag(String tag, String text) {
            return raw("<" + tag + ">").text(text).raw("</" + tag + ">\n");
        }

        static String escape(String s) {
            StringBuilder o = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '<' -> o.append("&lt;");
                    case '>' -> o.append("&gt;");
                    case '&' -> o.append("&amp;");
                    case '"' -> o.append("&quot;");
                    case '\'' -> o.append("&#39;");
                    default -> o.append(c);
                }
            }
            return o.toString();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
