package io.ionflow.jobs.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.ionflow.analyze.fit.Condition;
import io.ionflow.analyze.fit.ConditionMeans;
import io.ionflow.analyze.fit.ConditionMeans.DiffusionMean;
import io.ionflow.analyze.fit.ConditionMeans.ModeConditionMean;
import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.Labels;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.jobs.archive.Csv;
import io.ionflow.jobs.report.Figures.Figure;
import io.ionflow.jobs.report.ReportData.Score;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Renders {@link ReportData} into the files of {@code report/}: {@code index.html}, {@code figures/<name>.png} and
 * {@code figures/<name>.svg} for every figure, and the condition tables {@code d_by_condition.csv},
 * {@code fu_by_condition.csv}. Pure Java (no Spark, no file system): the caller writes the returned bytes.
 *
 * <p>This class decides what the page shows (the values, formatted, and which parts apply); how it looks is the
 * template {@code index.html.mustache} beside this class (Mustache, every value HTML-escaped): self-contained, inline
 * CSS, one small inline script that sets {@code data-images-loaded} / {@code data-images-total} on {@code <body>}
 * once the page has loaded (so a headless browser can check that every figure displays), no network references,
 * figures by relative path.
 */
public final class ReportBuilder {
    static {
        Charts.headless();
    }

    private ReportBuilder() {}

    /**
     * The page template, read beside this class in the jar (whatever the thread's context class loader); its values are
     * escaped as {@link #escape} does.
     */
    private static final Mustache PAGE = new DefaultMustacheFactory(name -> {
        InputStream in = ReportBuilder.class.getResourceAsStream(name);
        return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    }) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escape(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }.compile("index.html.mustache");

    /**
     * @param files    relative path → content, in write order ({@code index.html} last)
     * @param figures  figure base names (each has a .png and an .svg)
     * @param messages what could not be drawn (one line each)
     * @param vacancy  the vacancy-effect statement
     */
    public record Output(Map<String, byte[]> files, List<String> figures, List<String> messages, VacancyEffect.Result vacancy) {}

    public static Output build(ReportData d, String version, Instant now) {
        VacancyEffect.Subject subject = VacancyEffect.Subject.of(archiveSpecies(d), d.points());
        VacancyEffect.Result vac = VacancyEffect.compute(d.points(), d.conditions(), d.modes(), subject,
                d.pointsMethod() == null ? "msd" : d.pointsMethod());
        Page p = new Page(d);
        p.page.putAll(Map.of("archive", d.archive(), "runs", d.conditions().size(), "version", version,
                "generated", now.truncatedTo(ChronoUnit.SECONDS).toString(), "vacancy", vac.sentence(),
                "vacancyQuestion", vac.question(), "extrapolationNote", subject.extrapolationCaveat()));
        p.diffusion();
        p.vibrations();
        p.modes();
        p.modeModels();
        p.crossValidation();
        p.dataFiles();
        p.notes();
        StringWriter html = new StringWriter();
        PAGE.execute(html, p.page);
        p.files.put("index.html", html.toString().getBytes(StandardCharsets.UTF_8));
        return new Output(p.files, p.figureNames, p.messages, vac);
    }

    // ------------------------------------------------------------------------------------------ what the template shows

    /** A figure: {@code figures/<name>.png} and {@code .svg}; {@code collapsed}: the species it is folded away for. */
    record Fig(String name, String title, String caption, int width, int height, String collapsed) {}

    record DTable(String source, List<DRow> rows, String unknown) {}

    record DRow(boolean nd, String species, String method, String t, String vacancy, int n, String d, String err,
                String diffusive) {}

    record FuTable(String source, List<FuRow> rows) {}

    record FuRow(String t, String vacancy, int n, String fu, String err, String nu, String dw) {}

    /** @param fitted whether any Arrhenius series was fitted */
    record EaTable(List<String> extra, List<EaRow> rows, boolean fitted) {}

    record EaRow(String series, String ea, String eaErr, String d0, String d0Err, String chi2, String points,
                 List<String> extra, String note) {}

    record ModelTable(List<ModelRow> rows) {}

    record ModelRow(String model, String parameter, String value, String err) {}

    record CvTable(List<CvRow> rows, List<Fig> figures) {}

    record CvRow(String scheme, String model, String rmse, String counts) {}

    record FileLink(String name, String description) {}

    record Notes(List<String> items) {}

    /** The page's values, section by section, with the files and figures it links to. */
    private static final class Page {
        final ReportData d;
        final Map<String, Object> page = new HashMap<>();
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

        void diffusion() {
            if (!d.diffusion().isEmpty()) page.put("dTable", dTable());
            Map<String, String> notDiffusive = DiffusionRow.speciesDiffusingNowhere(d.diffusion());
            if (!notDiffusive.isEmpty()) {
                page.put("notDiffusive", String.join("; ", notDiffusive.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
            }
            List<Fig> msd = new ArrayList<>();
            for (String s : speciesOfCurves(d.msd())) {
                figure(msd, "MSD " + s, notDiffusive.containsKey(s) ? s : null,
                        () -> Figures.msd(s, d.msd(), d.conditions(), d.diffusion()));
            }
            page.put("msdFigures", msd);
            List<Fig> arrhenius = new ArrayList<>();
            for (String s : dSpecies) {
                figure(arrhenius, "Arrhenius " + s, null, () -> Figures.arrhenius(s, d.points(), params, d.pointsMethod()));
            }
            page.put("arrheniusFigures", arrhenius);
            if (!d.points().isEmpty()) page.put("pointsSource", d.pointsSource() + " (method " + d.pointsMethod() + ")");
            if (d.fits() != null) page.put("eaTable", eaTable());
        }

        void vibrations() {
            page.put("noVibrations", d.vacf().isEmpty() && d.vdos().isEmpty());
            List<Fig> figs = new ArrayList<>();
            for (String s : speciesOfCurves(d.vacf())) {
                figure(figs, "VACF " + s, null, () -> Figures.vacf(s, d.vacf(), d.conditions(), d.vacfNormalised()));
            }
            for (String s : speciesOfCurves(d.vdos())) {
                figure(figs, "VDOS " + s, null, () -> Figures.vdos(s, d.vdos(), d.conditions()));
            }
            page.put("vibrationFigures", figs);
        }

        void modes() {
            page.put("noModes", d.inmDos().isEmpty() && d.modes().isEmpty());
            List<ModeConditionMean> means = ConditionMeans.ofModes(d.modes().values(), d.conditions());
            d.modes().values().stream().filter(m -> Double.isFinite(m.fU()) && !m.fuIsFraction()).forEach(m -> messages.add(
                    "run " + m.runId() + ": f_u = " + m.fU() + " is not a fraction of the modes: left out of the f_u table"
                            + " and the vacancy effect"));
            List<Fig> figs = new ArrayList<>();
            figure(figs, "INM DOS", null, () -> Figures.inmDos(d.inmDos(), d.conditions()));
            figure(figs, "f_u vs T", null, () -> Figures.fuVsT(means));
            page.put("modeFigures", figs);
            if (!d.modes().isEmpty()) page.put("fuTable", fuTable(means));
        }

        void modeModels() {
            page.put("noFu", d.points().stream().noneMatch(r -> r.fU() > 0));
            List<Fig> figs = new ArrayList<>();
            for (String s : dSpecies) {
                figure(figs, "D vs f_u " + s, null,
                        () -> Figures.dVsFu(s, d.points(), params, d.fits() == null ? List.of() : d.fits().fitted()));
            }
            page.put("dVsFuFigures", figs);
            if (d.fits() == null) return;
            List<ModelRow> rows = new ArrayList<>();
            boolean anyModel = false;
            for (Map.Entry<String, Map<String, ModelParameter>> m : Figures.paramsByModel(params).entrySet()) {
                if (m.getKey().startsWith("arrhenius:")) continue;
                anyModel = true;
                for (ModelParameter p : m.getValue().values()) {
                    if (p.parameter().equals("errors_scaled") || p.parameter().startsWith("cov_")) continue;
                    rows.add(new ModelRow(p.model(), p.parameter(), num(p.value()), num(p.stderr())));
                }
            }
            page.put(anyModel ? "modelTable" : "noModels", anyModel ? new ModelTable(rows) : true);
        }

        void crossValidation() {
            if (d.fits() == null) return;
            List<Score> pooled = new ArrayList<>();
            for (Score s : d.fits().scores()) if (s.heldout().startsWith("pooled:")) pooled.add(s);
            pooled.sort(Comparator.comparing(Score::scheme)
                    .thenComparingDouble(s -> Double.isNaN(s.rmseLog10D()) ? Double.MAX_VALUE : s.rmseLog10D()));
            List<CvRow> rows = new ArrayList<>();
            for (Score s : pooled) {
                rows.add(new CvRow(s.scheme(), s.model(), Double.isNaN(s.rmseLog10D()) ? "n/a"
                        : String.format(Locale.ROOT, "%.4f", s.rmseLog10D()), s.nPredicted() + " / " + s.nHeldOut()));
            }
            TreeSet<String> schemes = new TreeSet<>();
            for (Score s : d.fits().scores()) if (!s.scheme().isEmpty()) schemes.add(s.scheme());
            List<Fig> figs = new ArrayList<>();
            for (String scheme : schemes) {
                for (String sp : dSpecies) {
                    figure(figs, "CV " + scheme + " " + sp, null,
                            () -> Figures.cv(scheme, sp, d.fits().predictions(), d.fits().scores()));
                }
            }
            page.put("cvTable", new CvTable(rows, figs));
        }

        void dataFiles() {
            TreeSet<String> csvs = new TreeSet<>(d.csvFiles());
            csvs.add("d_by_condition.csv");
            csvs.add("fu_by_condition.csv");
            List<FileLink> links = new ArrayList<>();
            for (String f : csvs) {
                if (d.csvFiles().contains(f) || files.containsKey(f)) links.add(new FileLink(f, describeCsv(f)));
            }
            page.put("files", links);
        }

        void notes() {
            List<String> notes = new ArrayList<>(d.missing());
            notes.addAll(messages);
            if (!notes.isEmpty()) page.put("notes", new Notes(notes));
        }

        /** Draws a figure into the files and onto the page; one line in the notes when it cannot be drawn. */
        void figure(List<Fig> into, String what, String collapsed, Supplier<Optional<Figure>> make) {
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
            files.put("figures/" + f.name() + ".png", png);
            files.put("figures/" + f.name() + ".svg", svg);
            figureNames.add(f.name());
            into.add(new Fig(f.name(), f.title(), f.caption(), Charts.WIDTH, Charts.HEIGHT, collapsed));
        }

        /** D by condition ({@link ConditionMeans#ofDiffusion}) for the page and {@code d_by_condition.csv}. */
        private DTable dTable() {
            ConditionMeans.DiffusionMeans means = ConditionMeans.ofDiffusion(d.diffusion(), d.conditions());
            Csv csv = new Csv("species", "method", "temperature_k", "vacancy_fraction", "n_runs", "d_cm2_s",
                    "d_err_cm2_s", "n_diffusive");
            List<DRow> rows = new ArrayList<>();
            for (DiffusionMean m : means.means()) {
                Condition c = m.condition();
                int n = m.d().n();
                rows.add(new DRow(m.diffusive() == 0, m.species(), m.method(), Labels.temperature(c.temperatureK()),
                        Labels.vacancy(c.vacancyFraction()), n, sci(m.d().value()), sci(m.d().err()),
                        m.diffusive() + "/" + n + (m.diffusive() == 0 ? " (not diffusive)" : "")));
                csv.row(m.species(), m.method(), c.temperatureK(), c.vacancyFraction(), n, m.d().value(), m.d().err(),
                        m.diffusive());
            }
            files.put("d_by_condition.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            return new DTable(d.diffusionSource(), rows, means.unknown() > 0 ? String.valueOf(means.unknown()) : null);
        }

        /** f_u by condition ({@link ConditionMeans#ofModes}) for the page and {@code fu_by_condition.csv}. */
        private FuTable fuTable(List<ModeConditionMean> means) {
            Csv csv = new Csv("temperature_k", "vacancy_fraction", "n_runs", "f_u", "f_u_err", "mean_unstable_thz", "f_dw");
            List<FuRow> rows = new ArrayList<>();
            for (ModeConditionMean m : means) {
                Condition c = m.condition();
                rows.add(new FuRow(Labels.temperature(c.temperatureK()), Labels.vacancy(c.vacancyFraction()), m.fU().n(),
                        fix(m.fU().value()), fix(m.fU().err()), fix(m.meanUnstableThz()), fix(m.fDw())));
                csv.row(c.temperatureK(), c.vacancyFraction(), m.fU().n(), m.fU().value(), m.fU().err(),
                        m.meanUnstableThz(), m.fDw());
            }
            files.put("fu_by_condition.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            return new FuTable(d.modesSource(), rows);
        }

        /** The Arrhenius series with their activation energies and any D extrapolated to a given temperature. */
        private EaTable eaTable() {
            Map<String, Map<String, ModelParameter>> by = Figures.paramsByModel(params);
            TreeSet<String> extra = new TreeSet<>();
            for (Map<String, ModelParameter> m : by.values()) {
                for (String p : m.keySet()) if (p.startsWith("D_") && p.endsWith("K_cm2_s")) extra.add(p);
            }
            List<EaRow> rows = new ArrayList<>();
            by.forEach((model, m) -> {
                if (!model.startsWith("arrhenius:")) return;
                List<String> at = extra.stream().map(x -> sci(val(m, x)) + " ± " + sci(err(m, x))).toList();
                rows.add(new EaRow(model, fix(val(m, "Ea_eV")), fix(err(m, "Ea_eV")), sci(val(m, "D0_cm2_s")),
                        sci(err(m, "D0_cm2_s")), fix(val(m, "chi2_dof")), intOf(val(m, "n_points")), at,
                        d.fits().notes().getOrDefault(model, "")));
            });
            return new EaTable(extra.stream().map(e -> e.replace("_cm2_s", " (cm²/s)")).toList(), rows, !rows.isEmpty());
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

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

    /** Every species the archive names: its runs', its diffusion rows' and its MSD curves'. */
    private static TreeSet<String> archiveSpecies(ReportData d) {
        TreeSet<String> species = new TreeSet<>(d.runSpecies());
        species.addAll(speciesOf(d.points()));
        d.diffusion().forEach(r -> species.add(r.species()));
        d.msd().forEach(c -> species.add(c.species()));
        return species;
    }

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


    /** Text made safe inside HTML elements and attribute values. */
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
}
