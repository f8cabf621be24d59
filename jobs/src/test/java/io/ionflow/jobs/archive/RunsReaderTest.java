package io.ionflow.jobs.archive;

import io.ionflow.jobs.SharedSpark;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one reader of {@code runs/} ({@link RunsReader#runs}), which msd, vacf and modes share: rows become checked
 * {@link RunInfo}s; a row that breaks the contract fails that run only; a table without a contract column, or with one
 * of the wrong type, is refused in one message naming every problem; potential is optional.
 */
class RunsReaderTest {
    private static final StructType RUNS = new StructType()
            .add("run_id", DataTypes.StringType).add("system", DataTypes.StringType)
            .add("temperature_k", DataTypes.DoubleType).add("vacancy_fraction", DataTypes.DoubleType)
            .add("replica", DataTypes.IntegerType).add("n_atoms", DataTypes.IntegerType)
            .add("timestep_fs", DataTypes.DoubleType).add("frame_interval_ps", DataTypes.DoubleType)
            .add("n_frames", DataTypes.IntegerType).add("cell", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("species", DataTypes.createArrayType(DataTypes.StringType))
            .add("masses", DataTypes.createArrayType(DataTypes.DoubleType)).add("seed", DataTypes.LongType)
            .add("source", DataTypes.StringType);

    private static Object[] row(String id, double t, Integer nFrames, Double timestepFs) {
        return new Object[] {id, "Ag2Te", t, 0.1, 0, 3, timestepFs, 0.1, nFrames,
                new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, new String[] {"Ag", "Te"}, new double[] {107.87, 127.6},
                7L, "ionflow-md"};
    }

    private static Archive write(Path dir, StructType schema, List<Object[]> rows) throws java.io.IOException {
        SparkSession spark = SharedSpark.session();
        List<Row> rs = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] v = r.clone();
            for (int i = 0; i < v.length; i++) {
                if (v[i] instanceof double[] d) v[i] = Arrays.stream(d).boxed().toList();
                if (v[i] instanceof String[] s) v[i] = List.of(s);
            }
            rs.add(RowFactory.create(v));
        }
        Archive a = Archive.at(dir.toString());
        spark.createDataFrame(rs, schema).coalesce(1).write().parquet(a.runsDir().toString());
        return a;
    }

    @Test
    void aRowThatBreaksTheContractFailsOnlyItsRun(@TempDir Path dir) throws Exception {
        Archive a = write(dir, RUNS, List.of(row("good", 500, 40, 2.0), row("unknownStep", 600, 40, null),
                row("noFrames", 500, null, 2.0), row("twice", 500, 40, 2.0), row("twice", 700, 40, 2.0),
                row("cold", -5, 40, 2.0)));
        Map<String, String> failed = new TreeMap<>();
        List<RunInfo> runs = RunsReader.runs(SharedSpark.session(), a, null, failed);
        assertEquals(List.of("good", "unknownStep"), runs.stream().map(RunInfo::runId).toList());
        RunInfo good = runs.get(0);
        assertEquals(500, good.temperatureK());
        assertEquals(40, good.nFrames());
        assertArrayEquals(new String[] {"Ag", "Te"}, good.species());
        assertArrayEquals(new double[] {107.87, 127.6}, good.masses());
        assertNull(good.potential(), "no potential column: null");
        assertTrue(Double.isNaN(runs.get(1).timestepFs()), "a null timestep_fs is an unknown MD step");
        assertEquals("runs row: column 'n_frames' is null", failed.get("noFrames"));
        assertEquals("runs row: run id listed 2 times in runs/", failed.get("twice"));
        assertTrue(failed.get("cold").startsWith("runs row: run cold: temperature_k must be positive"), failed.get("cold"));
        assertEquals(3, failed.size(), failed.toString());

        List<RunInfo> hot = RunsReader.runs(SharedSpark.session(), a, "temperature_k >= 600", new TreeMap<>());
        assertEquals(List.of("unknownStep"), hot.stream().map(RunInfo::runId).toList(),
                "a run id repeated in runs/ fails even when the condition selects one of its rows");
        UserError none = assertThrows(UserError.class,
                () -> RunsReader.runs(SharedSpark.session(), a, "temperature_k > 1000", new TreeMap<>()));
        assertEquals("no run in " + a.root() + " matches --runs \"temperature_k > 1000\"", none.getMessage());
    }

    @Test
    void potentialIsReadWhenPresent(@TempDir Path dir) throws Exception {
        Object[] r = Arrays.copyOf(row("withModel", 500, 40, 2.0), RUNS.size() + 1);
        r[RUNS.size()] = "{\"style\":\"rigid-ion\"}";
        Archive a = write(dir, RUNS.add("potential", DataTypes.StringType), List.<Object[]>of(r));
        List<RunInfo> runs = RunsReader.runs(SharedSpark.session(), a, null, new TreeMap<>());
        assertEquals("{\"style\":\"rigid-ion\"}", runs.get(0).potential());
    }

    @Test
    void missingAndMistypedColumnsAreNamedTogether(@TempDir Path dir) throws Exception {
        StructType schema = new StructType();
        for (var f : RUNS.fields()) {
            if (f.name().equals("seed")) continue;
            schema = schema.add(f.name(), f.name().equals("n_atoms") ? DataTypes.LongType : f.dataType());
        }
        List<Object[]> rows = new ArrayList<>();
        Object[] v = row("r", 500, 40, 2.0);
        List<Object> l = new ArrayList<>(Arrays.asList(v));
        l.remove(12); // seed
        l.set(5, 3L);
        rows.add(l.toArray());
        Archive a = write(dir, schema, rows);
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                () -> RunsReader.runs(SharedSpark.session(), a, null, new TreeMap<>()));
        assertTrue(e.getMessage().contains("column 'n_atoms' is bigint, expected int; missing column 'seed'"),
                e.getMessage());
    }

    @Test
    void conditionsAndSpeciesComeFromOneRead(@TempDir Path dir) throws Exception {
        Object[] li = row("li", 600, 40, 2.0);
        li[4] = 2;
        li[10] = new String[] {"Li", "P", "S"};
        Archive a = write(dir, RUNS, List.of(row("ag", 500, 40, 2.0), li));
        RunsReader.Conditions c = RunsReader.conditions(SharedSpark.session(), a);
        assertEquals(List.of("ag", "li"), List.copyOf(c.byRun().keySet()));
        assertEquals(600, c.byRun().get("li").temperatureK());
        assertEquals(0.1, c.byRun().get("li").vacancyFraction());
        assertEquals(2, c.byRun().get("li").replica());
        assertEquals(List.of("Ag", "Li", "P", "S", "Te"), List.copyOf(c.species()), "every run's species, once");

        StructType noContract = new StructType().add("run_id", DataTypes.StringType)
                .add("temperature_k", DataTypes.DoubleType).add("vacancy_fraction", DataTypes.DoubleType)
                .add("species", DataTypes.StringType);
        Archive b = write(dir.resolve("b"), noContract, List.<Object[]>of(new Object[] {"x", 700.0, 0.0, "Ag Te"}));
        RunsReader.Conditions cb = RunsReader.conditions(SharedSpark.session(), b);
        assertEquals(0, cb.byRun().get("x").replica(), "no replica column: replica 0");
        assertTrue(cb.species().isEmpty(), "a species column of another type gives no species, not a failure");
        assertTrue(RunsReader.conditions(SharedSpark.session(), Archive.at(dir.resolve("none").toString())).byRun()
                .isEmpty(), "no runs/: nothing");
    }
}
