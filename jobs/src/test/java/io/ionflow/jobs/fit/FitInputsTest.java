package io.ionflow.jobs.fit;

import io.ionflow.jobs.archive.RunCondition;
import io.ionflow.jobs.archive.Tables;
import io.ionflow.analyze.fit.FitRow;
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
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-run mode means (analysis/modes aggregated, report/modes.csv preferred) and the join into fit rows. */
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
        FitInputs.ModeMean ma = m.byRun().get("a");
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
    void joinLeavesOutUnusableRowsWithAReason() {
        List<FitInputs.DiffusionRow> diff = List.of(
                new FitInputs.DiffusionRow("r1", "Ag", "msd", 1e-5, 1e-7, 1, 10, Double.NaN, Double.NaN),
                new FitInputs.DiffusionRow("r1", "Ag", "vacf", 1.1e-5, 1e-7, 0, 2, Double.NaN, Double.NaN),
                new FitInputs.DiffusionRow("r2", "Ag", "msd", -1e-9, 1e-9, 1, 10, 600, 0.1),
                new FitInputs.DiffusionRow("r3", "Ag", "msd", 2e-5, 0, 1, 10, 700, 0),
                new FitInputs.DiffusionRow("r4", "Ag", "msd", 2e-5, 1e-6, 1, 10, Double.NaN, Double.NaN),
                new FitInputs.DiffusionRow("r5", "Te", "msd", 2e-7, 1e-8, 1, 10, 700, 0.05));
        Map<String, RunCondition> runs = Map.of("r1", new RunCondition("r1", 500, 0.1, 0));
        Map<String, FitInputs.ModeMean> modes = Map.of(
                "r1", new FitInputs.ModeMean("r1", 0.05, 0.001, 1.5, Double.NaN, Double.NaN, 20, 500, 0.1),
                "r5", new FitInputs.ModeMean("r5", 0.0, 0.0, Double.NaN, Double.NaN, Double.NaN, 20, 700, 0.05));
        FitInputs.Rows r = FitInputs.buildRows(diff, runs, modes, "msd", Set.of());
        assertEquals(2, r.rows().size(), r.toString());
        FitRow r1 = r.rows().get(0);
        assertEquals(500, r1.temperatureK());
        assertEquals(0.05, r1.fU());
        assertEquals(1.5, r1.meanUnstableFreqThz());
        assertTrue(Double.isNaN(r.rows().get(1).fU()), "f_u = 0 dropped from the row");
        assertEquals(3, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith("run r2 Ag: not diffusive (D is not significantly above zero"),
                r.skipped().get(0));
        assertEquals(List.of("r2 (600 K): D is not significantly above zero (D/sigma = -1.0 < 3)"),
                r.notDiffusive().get("arrhenius:Ag:vac=0.10"), "the series that lost it, for the withheld row");
        assertTrue(r.skipped().get(1).contains("standard error"), r.skipped().get(1));
        assertTrue(r.skipped().get(2).contains("no temperature"), r.skipped().get(2));
        assertTrue(r.notes().get(0).contains("f_u = 0.0 is outside (0, 1]"), r.notes().toString());
        assertEquals(1, FitInputs.buildRows(diff, runs, modes, "msd", Set.of("Te")).rows().size());
    }
}
