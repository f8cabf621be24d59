package io.ionflow.jobs.fit;

import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.jobs.archive.Tables;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-run mode means (analysis/modes aggregated, report/modes.csv preferred). */
class FitInputsTest {
    @TempDir
    Path dir;

    @Test
    void aggregatesSnapshotsAndPrefersTheCsvWhereItHasAValue() throws Exception {
        SparkSession spark = SharedSpark.session();
        // run a: f_u 0.02, 0.04, 0.06 over 3 snapshots (mean 0.04, SE 0.02/sqrt(3)); ν_u weighted by n_unstable
        List<Row> rows = List.of(
                RowFactory.create("a", 0, 0.0, 0.02, 1.0, 2),
                RowFactory.create("a", 1, 0.1, 0.04, 2.0, 6),
                RowFactory.create("a", 2, 0.2, 0.06, null, null),
                RowFactory.create("b", 0, 0.0, 0.10, 3.0, 1));
        spark.createDataFrame(rows, Tables.schema("run_id:s", "frame:i", "time_ps:d", "f_u:d", "mean_unstable_thz:d", "n_unstable:i"))
                .write().partitionBy("run_id").parquet(dir.resolve("analysis/modes").toString());
        Archive a = Archive.at(dir.toString());
        FitInputs.Modes m = FitInputs.readModes(spark, a);
        assertTrue(m.source().startsWith("analysis/modes"), m.source());
        ModeMean ma = m.byRun().get("a");
        assertEquals(0.04, ma.fU(), 1e-12);
        assertEquals(0.02 / Math.sqrt(3), ma.fUErr(), 1e-12);
        assertEquals((1.0 * 2 + 2.0 * 6) / 8, ma.meanUnstableThz(), 1e-12);
        assertEquals(3, ma.nSnapshots());
        assertTrue(Double.isNaN(ma.fDw()));
        assertTrue(Double.isNaN(m.byRun().get("b").fUErr()), "one snapshot: no standard error");

        Files.createDirectories(dir.resolve("report"));
        Files.writeString(dir.resolve("report/modes.csv"), "run_id,temperature_k,vacancy_fraction,f_u,f_u_err,n_snapshots,extra\n"
                + "a,500,0.1,0.05,0.001,40,x\nc,600,0,0.07,0.002,10,y\n");
        m = FitInputs.readModes(spark, a);
        assertTrue(m.source().startsWith("report/modes.csv, completed from analysis/modes"), m.source());
        ma = m.byRun().get("a");
        assertEquals(0.05, ma.fU(), 1e-12);
        assertEquals(0.001, ma.fUErr(), 1e-12);
        assertEquals(1.75, ma.meanUnstableThz(), 1e-12, "ν_u from analysis/modes");
        assertEquals(40, ma.nSnapshots());
        assertEquals(0.07, m.byRun().get("c").fU(), 1e-12);
        assertEquals(0.10, m.byRun().get("b").fU(), 1e-12);
    }

    @Test
    void theMeansDoNotDependOnHowTheFilesHoldTheSnapshots() throws Exception {
        SparkSession spark = SharedSpark.session();
        // values whose sums round differently in different orders
        double[] nu = {0.1, 0.7, 0.3, 1e-3, 0.9, 0.2, 0.6};
        java.util.List<Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < nu.length; k++) rows.add(RowFactory.create("r", 10 * k, 0.1 + nu[k] / 10, nu[k], 3 + k));
        var schema = Tables.schema("run_id:s", "frame:i", "f_u:d", "mean_unstable_thz:d", "n_unstable:i");
        spark.createDataFrame(rows, schema).coalesce(1).write().partitionBy("run_id")
                .parquet(dir.resolve("one/analysis/modes").toString());
        java.util.List<Row> reversed = new java.util.ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        spark.createDataFrame(reversed, schema).repartition(nu.length).write().partitionBy("run_id")
                .parquet(dir.resolve("many/analysis/modes").toString());
        ModeMean one = FitInputs.readModes(spark, Archive.at(dir.resolve("one").toString())).byRun().get("r");
        ModeMean many = FitInputs.readModes(spark, Archive.at(dir.resolve("many").toString())).byRun().get("r");
        assertEquals(one, many, "the same bits from one file in frame order and from one file per snapshot");
        assertEquals(nu.length, one.nSnapshots());
    }
}
