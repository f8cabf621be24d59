package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.RunCondition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page as the template renders it, without Spark: every value from the archive is HTML-escaped (a run id, a species
 * or a message can hold {@code <}, {@code &} or quotes), and only the sections with data are filled.
 */
class ReportPageTest {
    private static ReportData data(String archive, List<DiffusionRow> diffusion, Map<String, RunCondition> conditions,
                                   List<String> missing) {
        return data(archive, diffusion, conditions, missing, Set.of());
    }

    private static ReportData data(String archive, List<DiffusionRow> diffusion, Map<String, RunCondition> conditions,
                                   List<String> missing, Set<String> runSpecies) {
        return new ReportData(archive, conditions, diffusion, "analysis/diffusion", List.of(), List.of(), true, List.of(),
                List.of(), Map.of(), null, List.of(), null, null, null, List.of(), missing, runSpecies);
    }

    private static String page(ReportBuilder.Output out) {
        return new String(out.files().get("index.html"), StandardCharsets.UTF_8);
    }

    @Test
    void valuesFromTheArchiveAreEscaped() {
        DiffusionRow r = new DiffusionRow("r<1>", "Ag&\"x'", "msd", 1e-5, 1e-7, 1, 10, 500, 0, true, "");
        ReportBuilder.Output out = ReportBuilder.build(data("file:/tmp/a<b>&c", List.of(r),
                Map.of("r<1>", new RunCondition("r<1>", 500, 0, 0)), List.of("table <x> is \"broken\" & 'gone'")),
                "v<1>", Instant.parse("2026-12-07T07:00:00Z"));
        String html = page(out);
        assertTrue(html.contains("<code>file:/tmp/a&lt;b&gt;&amp;c</code>"), "archive escaped");
        assertTrue(html.contains("by ionflow v&lt;1&gt;"), "version escaped");
        assertTrue(html.contains("<td class=\"l\">Ag&amp;&quot;x&#39;</td>"), "species escaped in the D table");
        assertTrue(html.contains("<li>table &lt;x&gt; is &quot;broken&quot; &amp; &#39;gone&#39;</li>"), "note escaped");
        assertFalse(html.contains("<x>") || html.contains("a<b>") || html.contains("v<1>"), "no raw value: " + html);
        assertTrue(html.contains("generated 2026-12-07T07:00:00Z"));
        String csv = new String(out.files().get("d_by_condition.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("\"Ag&\"\"x'\",msd,500.0,0.0,1,")), csv);
    }

    @Test
    void onlyTheSectionsWithDataAreFilled() {
        String empty = page(ReportBuilder.build(data("file:/a", List.of(), Map.of(), List.of()), "dev", Instant.EPOCH));
        assertTrue(empty.contains("<p>No diffusion coefficients (analysis/diffusion is missing).</p>"));
        assertTrue(empty.contains("<p>No VACF or VDOS tables (analysis/vacf, analysis/vdos).</p>"));
        assertTrue(empty.contains("<p>No fits (analysis/fits is missing): run the fit job.</p>"));
        assertTrue(empty.contains("<p>Nothing missing: every input table was found.</p>"));
        assertFalse(empty.contains("<table>") || empty.contains("<figure") || empty.contains("<details>"), empty);
        assertEquals(1, empty.split("</html>", -1).length - 1, "one page");

        DiffusionRow caged = new DiffusionRow("r1", "Te", "msd", 1e-9, 1e-9, 1, 10, 500, 0, false, "NOT DIFFUSIVE: caged");
        String one = page(ReportBuilder.build(data("file:/a", List.of(caged), Map.of("r1", new RunCondition("r1", 500, 0, 0)),
                List.of()), "dev", Instant.EPOCH));
        assertTrue(one.contains("<tr class=\"nd\"><td class=\"l\">Te</td>"), "a row without diffusive runs is greyed");
        assertTrue(one.contains("<td>0/1 (not diffusive)</td>"), one);
        assertTrue(one.contains("(their figures are collapsed): Te (caged).</p>"), one);
        assertFalse(one.contains("No diffusion coefficients"), one);
    }

    @Test
    void theVacancyQuestionIsAboutTheRunsSpeciesBeforeAnyAnalysis() {
        String ag2te = page(ReportBuilder.build(data("file:/a", List.of(), Map.of(), List.of(), Set.of("Ag", "Te")),
                "dev", Instant.EPOCH));
        assertTrue(ag2te.contains("<h2>Do Te vacancies raise D_Ag and f_u at 500 K?</h2>"), ag2te);
        assertTrue(ag2te.contains("cannot be answered from this archive: the archive has no usable D of Ag."), ag2te);
        String other = page(ReportBuilder.build(data("file:/a", List.of(), Map.of(), List.of(), Set.of("Li", "P", "S")),
                "dev", Instant.EPOCH));
        assertTrue(other.contains("<h2>Do anion vacancies raise D and f_u at 500 K?</h2>"), other);
        assertFalse(other.contains("Ag") || other.contains("Published (ML-MD"), other);
    }
}
