package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ionflow fit} on synthetic archives with a known activation energy, run through {@link Main#execute}. */
class FitCommandTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = SharedSpark.session();
    }

    /** Exit code, stdout, stderr. */
    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Splits a CSV line of this project's writer (quotes only around fields with commas). */
    static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    q = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** NaN is written as an empty field. */
    static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void recoversTheActivationEnergyAndCrossValidatesEveryModel() throws Exception {
        Path archive = dir.resolve("with-modes");
        SyntheticArchive.write(spark, archive, true);
        Run r = run("fit", "--archive", archive.toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("mode means of 9 runs from report/modes.csv"), r.out());
        assertTrue(r.out().contains("skipped run Ag2Te_T500_vac0.000_r0 Te: not diffusive"), r.out()); // non-diffusive Te, named

        List<String> fits = Files.readAllLines(archive.resolve("report/fits.csv"));
        assertEquals("model,parameter,value,stderr,note", fits.get(0));
        Map<String, double[]> byKey = new HashMap<>();
        Set<String> models = new TreeSet<>();
        for (String line : fits.subList(1, fits.size())) {
            List<String> f = fields(line);
            assertEquals(5, f.size(), line);
            models.add(f.get(0));
            byKey.put(f.get(0) + "|" + f.get(1), new double[] {num(f.get(2)), num(f.get(3))});
        }
        for (String vac : new String[] {"0.00", "0.05", "0.10"}) {
            double[] ea = byKey.get("arrhenius:Ag:vac=" + vac + "|Ea_eV");
            assertTrue(ea != null, "no Ea row for vac=" + vac + " in " + models);
            assertTrue(ea[1] > 0 && ea[1] < 0.05, "stderr " + ea[1]);
            assertEquals(SyntheticArchive.EA_EV, ea[0], 3 * ea[1] + 1e-9, "Ea of vac=" + vac);
        }
        assertTrue(byKey.containsKey("arrhenius:Ag:vac=0.00|D_300K_cm2_s"), "default --extrapolate-k 300");
        assertTrue(models.containsAll(List.of("powerlaw:Ag", "keyes:Ag", "keyes-act:Ag", "arrhenius:Te:vac=0.00")), models.toString());

        List<String> cv = Files.readAllLines(archive.resolve("report/cv.csv"));
        assertEquals("model,heldout,rmse_log10_d", cv.get(0));
        Set<String> cvModels = new TreeSet<>();
        Set<String> pooled = new TreeSet<>();
        for (String line : cv.subList(1, cv.size())) {
            List<String> f = fields(line);
            assertEquals(3, f.size(), line);
            cvModels.add(f.get(0));
            if (f.get(1).startsWith("pooled:")) pooled.add(f.get(0) + "|" + f.get(1));
        }
        for (String m : List.of("arrhenius:Ag", "powerlaw:Ag", "keyes:Ag", "keyes-act:Ag", "arrhenius:Te", "powerlaw:Te")) {
            assertTrue(cvModels.contains(m), m + " missing from cv.csv: " + cvModels);
            assertTrue(pooled.contains(m + "|pooled:leave-one-condition-out"), m);
            assertTrue(pooled.contains(m + "|pooled:leave-one-vacancy-fraction-out"), m);
        }
        assertTrue(cv.stream().anyMatch(l -> l.startsWith("arrhenius:Ag,\"T=500,vac=0.10\",")), "fold labels with a comma are quoted");

        // the Parquet tables
        String fitsDir = archive.resolve("analysis/fits").toString();
        List<Row> params = spark.read().parquet(fitsDir + "/parameters").where("model = 'arrhenius:Ag:vac=0.00' and parameter = 'Ea_eV'")
                .select("value", "method").collectAsList();
        assertEquals(1, params.size());
        assertEquals(byKey.get("arrhenius:Ag:vac=0.00|Ea_eV")[0], params.get(0).getDouble(0), 1e-12);
        assertEquals("msd", params.get(0).getString(1));
        // 18 rows; two Te rows left out: one negative, one 2.5 sigma above zero (not significantly diffusive)
        assertEquals(16, spark.read().parquet(fitsDir + "/inputs").count());
        assertTrue(spark.read().parquet(fitsDir + "/cv_predictions").where("model = 'powerlaw:Ag'").count() >= 18);
        assertTrue(spark.read().parquet(fitsDir + "/fitted").where("model = 'keyes:Ag'").count() == 9);
        assertEquals(spark.read().parquet(fitsDir + "/cv_scores").count(), cv.size() - 1);
        try (var s = Files.list(archive.resolve("analysis"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging directories left behind");
        }

        // a re-run replaces the outputs (and --species restricts)
        Run again = run("fit", "--archive", archive.toString(), "--species", "Ag", "--extrapolate-k", "300,450");
        assertEquals(0, again.rc(), again.out() + again.err());
        List<String> fits2 = Files.readAllLines(archive.resolve("report/fits.csv"));
        assertTrue(fits2.stream().noneMatch(l -> l.contains(":Te")), "only Ag after --species Ag");
        assertTrue(fits2.stream().anyMatch(l -> l.startsWith("arrhenius:Ag:vac=0.10,D_450K_cm2_s,")));
    }

    private static Path noModes;

    /** One archive without modes for the tests that need one (writing archives is the slow part). */
    static synchronized Path noModesArchive() throws Exception {
        if (noModes == null) {
            noModes = dir.resolve("no-modes");
            SyntheticArchive.write(spark, noModes, false);
        }
        return noModes;
    }

    @Test
    void withoutAModesTableFitsArrheniusOnlyAndSaysSo() throws Exception {
        Path archive = noModesArchive();
        Run r = run("fit", "--archive", archive.toString(), "--species", "Ag");
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("no modes table"), r.out());
        assertTrue(r.out().contains("Arrhenius fits only"), r.out());
        List<String> fits = Files.readAllLines(archive.resolve("report/fits.csv"));
        assertEquals("model,parameter,value,stderr,note", fits.get(0));
        assertTrue(fits.size() > 1);
        for (String line : fits.subList(1, fits.size())) assertTrue(line.startsWith("arrhenius:Ag:vac="), line);
        List<String> cv = Files.readAllLines(archive.resolve("report/cv.csv"));
        assertEquals("model,heldout,rmse_log10_d", cv.get(0));
        for (String line : cv.subList(1, cv.size())) assertTrue(line.startsWith("arrhenius:Ag,"), line);
    }

    @Test
    void badInputGetsOneLineAndExitCode2() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Run r = run("fit", "--archive", empty.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.rc(), r.out() + r.err());
        assertTrue(r.err().contains("has no runs/ table"), "an empty directory is not an archive: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        Path bare = dir.resolve("bare"); // an archive whose runs were never analysed
        SyntheticArchive.write(SharedSpark.session(), bare, false);
        for (String sub : new String[] {"analysis", "report"}) {
            if (!Files.exists(bare.resolve(sub))) continue;
            try (var files = Files.walk(bare.resolve(sub))) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
            }
        }
        assertTrue(Files.isDirectory(bare.resolve("runs")));
        Run b = run("fit", "--archive", bare.toString());
        assertEquals(ExitCodes.BAD_INPUT, b.rc(), b.out() + b.err());
        assertTrue(b.err().contains("has no diffusion table"), b.err());

        Path archive = noModesArchive();
        Run m = run("fit", "--archive", archive.toString(), "--method", "green-kubo");
        assertEquals(ExitCodes.BAD_INPUT, m.rc());
        assertTrue(m.err().contains("--method must be msd or vacf"), m.err());
        Run v = run("fit", "--archive", archive.toString(), "--method", "vacf", "--species", "Xe");
        assertEquals(ExitCodes.BAD_INPUT, v.rc());
        assertTrue(v.err().contains("no usable rows") && v.err().contains("Xe"), v.err());
    }

    @Test
    void helpHasAnExample() {
        Run r = run("fit", "--help");
        assertEquals(0, r.rc());
        assertTrue(r.out().contains("Examples:") && r.out().contains("fit --archive"), r.out());
    }
}
