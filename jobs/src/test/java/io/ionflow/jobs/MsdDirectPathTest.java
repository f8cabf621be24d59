package io.ionflow.jobs;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.transport.DiffusionCsv;
import io.ionflow.jobs.transport.JobTestSupport;
import io.ionflow.jobs.transport.SyntheticRuns;
import io.ionflow.jobs.transport.TransportJob;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ionflow.jobs.transport.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct path (a run read, checked and analysed by one task) and the shuffle path give the same
 * results to round-off: msd and vacf on one archive with the direct path for every run (default
 * budget), for none (budget 0) and for one of its two runs (a budget between their sizes), comparing
 * diffusion.csv and the msd / vacf tables value by value (relative 1e-9).
 */
class MsdDirectPathTest {
    @Test
    void directAndShufflePathsAgree(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        // 72 atoms; 400 frames (28 800 atom-frames) and 600 frames (43 200); shards of 70 frames, not aligned
        List<SyntheticArchive.RunSpec> runs = List.of(
                new SyntheticArchive.RunSpec("Small", 500, 0.0, SyntheticRuns.species(2), 400, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 11L, 20.0),
                new SyntheticArchive.RunSpec("Large", 700, 0.0, SyntheticRuns.species(2), 600, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 12L, 20.0));
        Archive a = SyntheticRuns.write(archive, runs);
        Map<String, Map<String, double[]>> shuffle = results(spark, a, archive, "0", 0);
        Map<String, Map<String, double[]>> direct = results(spark, a, archive, null, 2);
        Map<String, Map<String, double[]>> mixed = results(spark, a, archive, "30000", 1);
        for (Map<String, Map<String, double[]>> other : List.of(direct, mixed)) {
            assertEquals(shuffle.keySet(), other.keySet());
            for (String table : shuffle.keySet()) {
                Map<String, double[]> s = shuffle.get(table);
                Map<String, double[]> o = other.get(table);
                assertEquals(s.keySet(), o.keySet(), table);
                for (String k : s.keySet()) {
                    double[] x = s.get(k);
                    double[] y = o.get(k);
                    assertEquals(x.length, y.length, table + " " + k);
                    for (int i = 0; i < x.length; i++) {
                        assertTrue(close(x[i], y[i]), table + " " + k + " [" + i + "]: " + x[i] + " vs " + y[i]);
                    }
                }
            }
        }
    }

    /** --framework given: the direct path (end frames found in the task) and the shuffle path (query) agree. */
    @Test
    void frameworkOptionAgreesOnBothPaths(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        SyntheticRuns.write(archive, List.of(new SyntheticArchive.RunSpec("Run", 500, 0.0, SyntheticRuns.species(2), 300,
                0.02, 70, SyntheticRuns.DRIFT, false, 13L, 20.0)));
        Map<String, double[]> shuffle = null;
        for (String budget : new String[] {"0", null}) {
            if (budget == null) {
                spark.conf().unset(TransportJob.DIRECT_MAX_ATOM_FRAMES);
            } else {
                spark.conf().set(TransportJob.DIRECT_MAX_ATOM_FRAMES, budget);
            }
            try {
                JobTestSupport.Run r = cli("msd", "--archive", archive, "--framework", "Ag", "--progress-seconds", "1000");
                assertEquals(0, r.rc(), r.out() + r.err());
                assertTrue(r.out().contains("drift reference framework Ag (given by --framework)"), r.out());
                assertEquals(budget == null, r.out().contains("1 direct run(s)"), r.out());
            } finally {
                spark.conf().unset(TransportJob.DIRECT_MAX_ATOM_FRAMES);
            }
            Map<String, double[]> m = table(spark, archive + "/analysis/msd", "lag_ps", "msd_a2", "msd_x_a2", "msd_y_a2",
                    "msd_z_a2");
            if (shuffle == null) {
                shuffle = m;
                continue;
            }
            assertEquals(shuffle.keySet(), m.keySet());
            for (String k : m.keySet()) {
                for (int i = 0; i < m.get(k).length; i++) {
                    assertTrue(close(shuffle.get(k)[i], m.get(k)[i]), k + " [" + i + "]: " + shuffle.get(k)[i] + " vs "
                            + m.get(k)[i]);
                }
            }
        }
    }

    private static boolean close(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) + 1e-300;
    }

    /** msd then vacf with the given budget (null: default); table → key → values. */
    private static Map<String, Map<String, double[]>> results(SparkSession spark, Archive a, String archive, String budget,
                                                              int directRuns) throws Exception {
        if (budget == null) {
            spark.conf().unset(TransportJob.DIRECT_MAX_ATOM_FRAMES);
        } else {
            spark.conf().set(TransportJob.DIRECT_MAX_ATOM_FRAMES, budget);
        }
        Map<String, Map<String, double[]>> out = new TreeMap<>();
        try {
            for (String job : List.of("msd", "vacf")) {
                JobTestSupport.Run r = cli(job, "--archive", archive, "--progress-seconds", "1000");
                assertEquals(0, r.rc(), r.out() + r.err());
                assertEquals(directRuns > 0, r.out().contains(directRuns + " direct run(s)"), r.out());
                assertEquals(directRuns == 0, !r.out().contains("direct run(s)"), r.out());
            }
        } finally {
            spark.conf().unset(TransportJob.DIRECT_MAX_ATOM_FRAMES);
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
