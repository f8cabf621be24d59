package io.ionflow.jobs;

import io.ionflow.jobs.KilledJobs.Outputs;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.ionflow.jobs.KilledJobs.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 real {@code fit} and {@code report} processes (child JVMs) at seeded random moments of their write phase, on
 * copies of an archive that holds an earlier fit and an earlier report. Their outputs are archive-wide, published as one
 * journaled step: afterwards each output (each table of {@code analysis/fits}, each CSV, each report file, a figure
 * that only the earlier report drew) is entirely the old one or entirely the new one; after the recovery every
 * IonFlow job does first, all are old or all are new; and a re-run publishes the new outputs with no hidden leftovers.
 */
class FitReportKillTest {
    private static final String[] FIT_OLD = {"--species", "Ag"};
    private static final String[] FIT_NEW = {"--extrapolate-k", "350"};
    private static final List<String> FIT_TABLES = List.of("inputs", "parameters", "fitted", "cv_scores", "cv_predictions");
    private static final String ALL = "archive";

    @Test
    void aKilledFitLeavesAllItsOutputsOldOrNew(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path template = template(dir);
        assertEquals(0, Main.execute(args("fit", template, FIT_OLD)));
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, Main.execute(args("fit", fresh, FIT_NEW)));
        Set<String> changed = changed(fitOutputs(spark, template), fitOutputs(spark, fresh));
        assertTrue(changed.containsAll(List.of("parameters", "inputs", "fits.csv")), "the options change the fit: " + changed);
        Map<String, Outputs> old = unit(fitOutputs(spark, template), changed);
        Map<String, Outputs> neu = unit(fitOutputs(spark, fresh), changed);

        List<KilledJobs.Child> children = KilledJobs.killThree(dir, template, "fit", 20261207L,
                a -> args("fit", a, FIT_NEW));
        KilledJobs.checkEach(children, List.of(ALL), old, neu, a -> unit(fitOutputs(spark, a), changed));

        Path last = children.get(children.size() - 1).archive();
        assertEquals(0, Main.execute(args("fit", last, FIT_NEW)));
        assertEquals(fitOutputs(spark, fresh), fitOutputs(spark, last), "the re-run publishes the new fit");
        assertNoHiddenLeftovers(last);
    }

    @Test
    void aKilledReportLeavesEveryFileOldOrNew(@TempDir Path dir) throws Exception {
        Path template = template(dir); // its report was made before any fit
        assertEquals(0, Main.execute(args("fit", template, FIT_NEW)));
        // and a figure that only an earlier report drew: the new report drops it with the old page
        Files.writeString(template.resolve("report/figures/earlier_only.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n");
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, Main.execute(args("report", fresh)));
        Map<String, List<String>> newFiles = reportFiles(fresh);
        Set<String> changed = changed(reportFiles(template), newFiles);
        assertTrue(changed.contains("index.html") && changed.contains("figures/earlier_only.svg")
                && changed.stream().anyMatch(f -> f.startsWith("figures/arrhenius")),
                "the fit changes the page and adds figures, an earlier figure goes: " + changed);
        Map<String, Outputs> old = unit(reportFiles(template), changed);
        Map<String, Outputs> neu = unit(newFiles, changed);

        // the report writes its few files within milliseconds: two kills as soon as it starts, one once it is decided
        List<KilledJobs.Child> children = KilledJobs.kill(dir, template, "report",
                new String[] {"writing", "writing", "publishing"}, new long[] {0, 1, 2}, a -> args("report", a));
        KilledJobs.checkEach(children, List.of(ALL), old, neu, a -> unit(reportFiles(a), changed));

        Path last = children.get(children.size() - 1).archive();
        assertEquals(0, Main.execute(args("report", last)));
        assertEquals(newFiles, reportFiles(last), "the re-run publishes the new report");
        assertNoHiddenLeftovers(last);
    }

    /** Three synthetic runs (Ag, Cu, Te at 500, 600, 700 K) with their msd results and a report made before any fit. */
    private static Path template(Path dir) throws Exception {
        Path template = dir.resolve("template");
        SyntheticRuns.write(template.toString(), SyntheticRuns.runs(new double[] {500, 600, 700}, 1, 300, 100, false));
        for (String job : List.of("msd", "report")) {
            JobTestSupport.Run r = JobTestSupport.cli(job, "--archive", template.toString());
            assertEquals(0, r.rc(), job + ": " + r.out() + r.err());
        }
        return template;
    }

    private static String[] args(String job, Path archive, String... options) {
        List<String> a = new ArrayList<>(List.of(job, "--archive", archive.toString()));
        a.addAll(List.of(options));
        return a.toArray(String[]::new);
    }

    /** The five tables of analysis/fits (sorted rows as text), report/fits.csv and report/cv.csv, by name. */
    private static Map<String, List<String>> fitOutputs(SparkSession spark, Path archive) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (String t : FIT_TABLES) {
            Path table = archive.resolve("analysis/fits/" + t);
            List<String> rows = new ArrayList<>();
            if (Files.isDirectory(table)) {
                for (Row r : spark.read().parquet(table.toString()).collectAsList()) rows.add(r.toString());
            }
            rows.sort(null);
            out.put(t, rows);
        }
        for (String csv : List.of("fits.csv", "cv.csv")) {
            Path f = archive.resolve("report/" + csv);
            out.put(csv, Files.exists(f) ? Files.readAllLines(f) : List.of());
        }
        return out;
    }

    /** Every visible file of report/ that the report job writes, by relative name; index.html's time and archive path
     * (of any copy) blanked. */
    private static Map<String, List<String>> reportFiles(Path archive) throws Exception {
        Path dir = archive.resolve("report");
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.") || List.of("diffusion.csv", "fits.csv", "cv.csv").contains(rel)) {
                    continue; // hidden, or written by msd and fit
                }
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                out.put(rel, List.of(rel.equals("index.html") ? text.replaceAll(Pattern.quote(archive.getParent().toString()) + "/\\w+", "ARCHIVE")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME") : text));
            }
        }
        return out;
    }

    /** The outputs whose content (or presence) differs between the two sides. */
    private static Set<String> changed(Map<String, List<String>> old, Map<String, List<String>> neu) {
        Set<String> names = new TreeSet<>(old.keySet());
        names.addAll(neu.keySet());
        names.removeIf(n -> old.getOrDefault(n, List.of()).equals(neu.getOrDefault(n, List.of())));
        return names;
    }

    /** The named outputs as one unit (one archive-wide publication); an absent output is empty. */
    private static Map<String, Outputs> unit(Map<String, List<String>> outputs, Set<String> names) {
        List<List<String>> each = new ArrayList<>();
        for (String n : names) each.add(outputs.getOrDefault(n, List.of()));
        return Map.of(ALL, new Outputs(each));
    }

    /** No pending copies, journals, staging directories or old partitions anywhere in the archive. */
    private static void assertNoHiddenLeftovers(Path archive) throws Exception {
        try (Stream<Path> all = Files.walk(archive)) {
            List<String> left = all.map(p -> p.getFileName().toString()).filter(n -> n.contains(".pending-")
                    || n.startsWith(".staging-") || n.contains(".old-") || n.startsWith(".publishing-")).toList();
            assertTrue(left.isEmpty(), "hidden leftovers: " + left);
        }
    }
}
