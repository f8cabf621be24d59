package io.ionflow.jobs;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import io.ionflow.jobs.msd.MsdJob;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The msd and vacf jobs cut a run into tasks by atom blocks when it exceeds the per-task budget
 * ({@code spark.ionflow.msd.taskAtomFrames}); every task reads the whole run and keeps only its atoms. With a budget
 * of one atom-frame each task holds one accumulation block (64 atoms here), so each run of 72 atoms becomes two tasks,
 * and every number written — diffusion.csv, analysis/msd, vacf, vdos — must be bit-identical to the one-task run.
 */
class MsdTaskSplitTest {
    @Test
    void splitRunsGiveBitIdenticalResults(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        // 72 atoms; 400 frames (28 800 atom-frames) and 600 frames (43 200); shards of 70 frames, not aligned
        List<SyntheticArchive.RunSpec> runs = List.of(
                new SyntheticArchive.RunSpec("Small", 500, 0.0, SyntheticRuns.species(2), 400, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 11L, 20.0),
                new SyntheticArchive.RunSpec("Large", 700, 0.0, SyntheticRuns.species(2), 600, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 12L, 20.0));
        Archive a = SyntheticRuns.write(archive, runs);
        Map<String, Map<String, double[]>> whole = results(spark, a, archive, null, 2);
        Map<String, Map<String, double[]>> split = results(spark, a, archive, "1", 4);
        Map<String, Map<String, double[]>> mixed = results(spark, a, archive, "30000", 3);
        for (Map<String, Map<String, double[]>> other : List.of(split, mixed)) {
            assertEquals(whole.keySet(), other.keySet());
            for (String table : whole.keySet()) {
                Map<String, double[]> s = whole.get(table);
                Map<String, double[]> o = other.get(table);
                assertEquals(s.keySet(), o.keySet(), table);
                for (String k : s.keySet()) {
                    assertArrayEquals(s.get(k), o.get(k), table + " " + k); // exact: same bits (NaN equals NaN)
                }
            }
        }
    }

    /** --framework given: split and whole runs agree, and the line names the reference. */
    @Test
    void frameworkOptionAgreesWhenSplit(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        SyntheticRuns.write(archive, List.of(new SyntheticArchive.RunSpec("Run", 500, 0.0, SyntheticRuns.species(2), 300,
                0.02, 70, SyntheticRuns.DRIFT, false, 13L, 20.0)));
        Map<String, double[]> whole = null;
        for (String budget : new String[] {null, "1"}) {
            if (budget == null) {
                spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
            } else {
                spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, String.valueOf(budget));
            }
            try {
                JobTestSupport.Run r = cli("msd", "--archive", archive, "--framework", "Ag", "--progress-seconds", "1000");
                assertEquals(0, r.rc(), r.out() + r.err());
                assertTrue(r.out().contains("drift reference framework Ag (given by --framework)"), r.out());
                assertTrue(r.out().contains("1 run(s) in " + (budget == null ? 1 : 2) + " task(s)"), r.out());
            } finally {
                spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
            }
            Map<String, double[]> m = table(spark, archive + "/analysis/msd", "lag_ps", "msd_a2", "msd_x_a2", "msd_y_a2",
                    "msd_z_a2");
            if (whole == null) {
                whole = m;
                continue;
            }
            assertEquals(whole.keySet(), m.keySet());
            for (String k : m.keySet()) {
                assertArrayEquals(whole.get(k), m.get(k), k);
            }
        }
    }

    /** msd then vacf with the given budget (null: default); table → key → values. */
    private static Map<String, Map<String, double[]>> results(SparkSession spark, Archive a, String archive, String budget,
                                                              int tasks) throws Exception {
        if (budget == null) {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
        } else {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, String.valueOf(budget));
        }
        Map<String, Map<String, double[]>> out = new TreeMap<>();
        try {
            for (String job : List.of("msd", "vacf")) {
                JobTestSupport.Run r = cli(job, "--archive", archive, "--progress-seconds", "1000");
                assertEquals(0, r.rc(), r.out() + r.err());
                assertTrue(r.out().contains("2 run(s) in " + tasks + " task(s)"), r.out());
            }
        } finally {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
        }
        Map<String, double[]> csv = new TreeMap<>();
        for (DiffusionCsv.Line l : DiffusionCsv.read(a)) {
            csv.put(l.runId() + "/" + l.species() + "/" + l.method(),
                    new double[] {l.dCm2PerS(), l.errCm2PerS(), l.fitStartPs(), l.fitEndPs()});
        }
        out.put("diffusion.csv", csv);
        out.put("msd", table(spark, archive + "/analysis/msd", "lag_ps", "msd_a2", "msd_x_a2", "msd_y_a2", "msd_z_a2"));
        out.put("vacf", table(spark, archive + "/analysis/vacf", "lag_ps", "vacf_a2_ps2", "vacf_norm", "gk_d_a2_ps"));
        out.put("vdos", table(spark, archive + "/analysis/vdos", "freq_thz", "vdos_per_thz"));
        return out;
    }

    /** Rows keyed by run/species/first column, the other columns as values. */
    private static Map<String, double[]> table(SparkSession spark, String path, String key, String... values) {
        Map<String, double[]> m = new TreeMap<>();
        for (Row r : spark.read().parquet(path).collectAsList()) {
            double[] v = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                v[i] = r.getDouble(r.fieldIndex(values[i]));
            }
            String k = r.getAs("run_id") + "/" + r.getAs("species") + "/" + r.getDouble(r.fieldIndex(key));
            assertTrue(m.put(k, v) == null, "duplicate row " + k);
        }
        assertTrue(m.size() > 100, path);
        return m;
    }
}
