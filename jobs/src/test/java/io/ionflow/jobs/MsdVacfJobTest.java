package io.ionflow.jobs;

import io.ionflow.analyze.DiffusionFit;
import io.ionflow.analyze.DriftCorrection;
import io.ionflow.analyze.Msd;
import io.ionflow.analyze.MsdResult;
import io.ionflow.analyze.Species;
import io.ionflow.analyze.Trajectory;
import io.ionflow.analyze.Vacf;
import io.ionflow.analyze.VacfResult;
import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static io.ionflow.jobs.msd.JobTestSupport.table;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The msd and vacf jobs end to end on a synthetic archive with known physics (3 runs; Langevin Ag
 * and Cu with D = 0.1 and 0.2 Å²/ps, vibrating Te framework, a common drift of every atom):
 * D within a few σ of the truth, the MSD and VACF curves equal to the kernels' on the same data,
 * the drift removed, a row for every run and species, --runs processing only matching runs and
 * keeping the other rows, and bit-identical outputs on a re-run.
 */
class MsdVacfJobTest {
    private static final double[] TEMPS = {500, 600, 700};
    private static final int FRAMES = 600;
    private static final double DT = 0.02;

    @TempDir
    static Path dir;
    static String archive;
    static Archive a;
    static SparkSession spark;

    @BeforeAll
    static void writeArchive() throws Exception {
        spark = SharedSpark.session();
        archive = dir.resolve("archive").toString();
        a = SyntheticRuns.write(archive, SyntheticRuns.runs(TEMPS, 4, FRAMES, 100, true));
    }

    private static Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> s = new TreeMap<>();
        for (String t : List.of("msd", "vacf", "vdos", "diffusion")) {
            s.put(t, table(spark, archive + "/analysis/" + t));
        }
        s.put("csv", Files.readAllLines(dir.resolve("archive/report/diffusion.csv")));
        return s;
    }

    private static Map<String, Long> files(String table, String run) {
        Map<String, Long> m = new TreeMap<>();
        File[] fs = dir.resolve("archive/analysis/" + table + "/run_id=" + run).toFile().listFiles();
        for (File f : fs == null ? new File[0] : fs) {
            m.put(f.getName(), f.lastModified());
        }
        return m;
    }

    @Test
    void pipelineFilterAndRerun() throws Exception {
        JobTestSupport.Run r = cli("pipeline", "--archive", archive, "--progress-seconds", "1000");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("drift reference framework Te (auto: least mobile"), r.out());

        // (c) one row per run, species and method, exact header
        List<String> csv = Files.readAllLines(dir.resolve("archive/report/diffusion.csv"));
        assertEquals(DiffusionCsv.HEADER, csv.get(0));
        assertEquals(1 + TEMPS.length * 3 * 2, csv.size(), String.join("\n", csv));
        List<DiffusionCsv.Line> lines = DiffusionCsv.read(a);
        for (double t : TEMPS) {
            for (String sp : List.of("Ag", "Cu", "Te")) {
                for (String m : List.of("msd", "vacf")) {
                    assertEquals(1, lines.stream().filter(l -> l.runId().equals("Syn_T" + (int) t) && l.species().equals(sp)
                            && l.method().equals(m)).count(), sp + " " + m + " " + t);
                }
            }
        }
        assertEquals(9L, spark.read().parquet(archive + "/analysis/msd").select("run_id", "species").distinct().count());
        assertEquals(9L * 300, spark.read().parquet(archive + "/analysis/msd").count());
        assertEquals(9L * 300, spark.read().parquet(archive + "/analysis/vacf").count());
        assertEquals(12L, spark.read().parquet(archive + "/analysis/vdos").select("run_id", "species").distinct().count());
        assertEquals(18L, spark.read().parquet(archive + "/analysis/diffusion").count());

        // (a) D within a few σ of the exact values; Te does not diffuse
        for (DiffusionCsv.Line l : lines) {
            if (l.species().equals("Te")) {
                assertTrue(Math.abs(l.dCm2PerS()) < 1e-7 && Boolean.FALSE.equals(l.diffusive()), "Te is flagged: " + l);
                continue;
            }
            assertTrue(l.diffusive(), l.toString());
            double truth = (l.species().equals("Ag") ? SyntheticRuns.D_AG : SyntheticRuns.D_CU) * 1e-4 * 1.003;
            double err = l.errCm2PerS();
            assertTrue(err > 0 && err < 0.2 * truth, "error bar " + l);
            assertTrue(Math.abs(l.dCm2PerS() - truth) < 4 * err, "D within 4 sigma of " + truth + ": " + l);
        }

        // (a) curves equal to the kernels on the same data, drift corrected against Te; (b) the drift mattered
        Trajectory[] pv = JobTestSupport.readRun(a, "Syn_T600", 144, FRAMES);
        int[] speciesOfAtom = new int[144];
        Arrays.fill(speciesOfAtom, 48, 80, 1);
        Arrays.fill(speciesOfAtom, 80, 144, 2);
        double[] mass = new double[144];
        for (int i = 0; i < 144; i++) {
            mass[i] = new double[] {107.8682, 63.546, 127.60}[speciesOfAtom[i]];
        }
        int[] te = Species.atomsOf(speciesOfAtom, 2);
        int[] ag = Species.atomsOf(speciesOfAtom, 0);
        Trajectory corrected = DriftCorrection.correct(pv[0], te, mass);
        MsdResult kernel = Msd.of(corrected, ag, DT, 299);
        Map<Double, Row> job = new HashMap<>();
        for (Row row : spark.read().parquet(archive + "/analysis/msd")
                .where(col("run_id").equalTo("Syn_T600").and(col("species").equalTo("Ag"))).collectAsList()) {
            job.put(row.getDouble(row.fieldIndex("lag_ps")), row);
        }
        assertEquals(300, job.size());
        double[] jobMsd = new double[300];
        for (Row row : job.values()) {
            int m = (int) Math.round(row.getDouble(row.fieldIndex("lag_ps")) / DT);
            jobMsd[m] = row.getDouble(row.fieldIndex("msd_a2"));
            assertEquals(48, row.getInt(row.fieldIndex("n_atoms")));
            if (m > 0) {
                assertEquals(kernel.total()[m], jobMsd[m], 1e-9 * kernel.total()[m], "lag " + m);
                assertEquals(kernel.x()[m], row.getDouble(row.fieldIndex("msd_x_a2")), 1e-9 * kernel.total()[m]);
            }
        }
        DiffusionFit.Result kf = DiffusionFit.fit(kernel);
        DiffusionCsv.Line jl = lines.stream().filter(l -> l.runId().equals("Syn_T600") && l.species().equals("Ag")
                && l.method().equals("msd")).findFirst().orElseThrow();
        assertEquals(kf.dCm2PerS(), jl.dCm2PerS(), 1e-6 * kf.dCm2PerS());
        MsdResult raw = Msd.of(pv[0], ag, DT, 299);
        assertTrue(raw.total()[299] > 1.3 * jobMsd[299], "the drift would have inflated the MSD: " + raw.total()[299]
                + " vs " + jobMsd[299]);

        double[][] vcom = DriftCorrection.centreOfMass(pv[1], te, mass);
        VacfResult kv = Vacf.of(DriftCorrection.subtractVelocity(pv[1], vcom), ag, DT, 299);
        List<Row> vrows = spark.read().parquet(archive + "/analysis/vacf")
                .where(col("run_id").equalTo("Syn_T600").and(col("species").equalTo("Ag"))).collectAsList();
        assertEquals(300, vrows.size());
        for (Row row : vrows) {
            int m = (int) Math.round(row.getDouble(row.fieldIndex("lag_ps")) / DT);
            assertEquals(kv.raw()[m], row.getDouble(row.fieldIndex("vacf_a2_ps2")), 1e-9 * kv.raw()[0], "lag " + m);
        }

        // (d) --runs processes only the matching runs and keeps the others' rows and partitions
        Map<String, List<String>> before = snapshot();
        Map<String, Long> t500 = files("msd", "Syn_T500");
        Map<String, Long> t600 = files("msd", "Syn_T600");
        Thread.sleep(1100);
        JobTestSupport.Run f = cli("msd", "--archive", archive, "--runs", "temperature_k >= 600");
        assertEquals(0, f.rc(), f.err());
        assertTrue(f.out().contains("2 run(s) selected"), f.out());
        assertTrue(!f.out().contains("run Syn_T500"), f.out());
        assertEquals(t500, files("msd", "Syn_T500"), "untouched partition");
        assertNotEquals(t600, files("msd", "Syn_T600"), "rewritten partition");
        assertEquals(before.get("csv"), Files.readAllLines(dir.resolve("archive/report/diffusion.csv")));
        assertEquals(before.get("msd"), table(spark, archive + "/analysis/msd"));

        // (e) a re-run gives identical outputs (the filtered run above already rewrote two runs bit for bit)
        JobTestSupport.Run again = cli("msd", "--archive", archive);
        assertEquals(0, again.rc(), again.err());
        assertEquals(before, snapshot());
    }
}
