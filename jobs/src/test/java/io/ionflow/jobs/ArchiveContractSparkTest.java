package io.ionflow.jobs;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import io.ionflow.simulate.archive.RunsTableWriter;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive written by IonFlow's writers, read by Spark 4.1 with its default (vectorized) Parquet
 * reader: column names and Spark types exactly as in DESIGN.md, run_id discovered as a string
 * partition column, values intact, uncommitted shards invisible. Also the reverse: tables Spark
 * writes are readable by IonFlow's readers.
 */
class ArchiveContractSparkTest {
    private static final String RUN_A = "Ag2Te_T500_v0.10_r0";
    private static final String RUN_B = "AgI_T573_r1";
    private static final String[] SPECIES = {"Ag", "Ag", "Ag", "Ag", "Te", "Te"};
    private static final double[] CELL = {6.6, 0, 0, 0, 6.6, 0, 0, 0, 6.6};

    @TempDir
    static Path dir;

    static Archive archive;
    static RunInfo runA, runB;
    static SparkSession spark;

    @BeforeAll
    static void writeArchive() throws Exception {
        archive = Archive.at(dir.resolve("archive").toString());
        runA = new RunInfo(RUN_A, "Ag2Te", 500, 0.1, 0, SPECIES.length, 1.0, 0.05, 5, CELL,
                new String[] {"Ag", "Te"}, new double[] {107.8682, 127.60}, "{\"style\":\"vashishta\"}",
                123456789012345L, "ionflow-md");
        runB = new RunInfo(RUN_B, "AgI", 573, 0, 1, SPECIES.length, 2.0, 0.1, 4, CELL,
                new String[] {"Ag", "Te"}, new double[] {107.8682, 127.60}, null, -7, "lammps-dump");
        RunsTableWriter.write(archive, runA);
        RunsTableWriter.write(archive, runB);
        writeShard(RUN_A, 0, 0, 3, true);
        writeShard(RUN_A, 1, 3, 2, true);
        writeShard(RUN_B, 0, 0, 4, false);
        // an uncommitted shard, as a crashed writer leaves it: must stay invisible
        FrameShardWriter pending = FrameShardWriter.open(archive, RUN_B, 1, SPECIES);
        pending.writeFrame(4, 0.4, positions(4), null);
        spark = SharedSpark.session();
    }

    private static void writeShard(String run, int shard, int first, int count, boolean velocities) throws Exception {
        try (FrameShardWriter w = FrameShardWriter.open(archive, run, shard, SPECIES)) {
            for (int f = first; f < first + count; f++) {
                w.writeFrame(f, 0.1 * f, positions(f), velocities ? velocities(f) : null);
            }
            w.commit();
        }
    }

    static double[] positions(int frame) {
        double[] p = new double[3 * SPECIES.length];
        for (int k = 0; k < p.length; k++) p[k] = 0.7 * k + 0.123456789 * frame - 3.3;
        return p;
    }

    static double[] velocities(int frame) {
        double[] v = new double[3 * SPECIES.length];
        for (int k = 0; k < v.length; k++) v[k] = Math.cos(k + frame) * 4.2;
        return v;
    }

    private static Map<String, String> types(Dataset<Row> df) {
        return Arrays.stream(df.schema().fields()).collect(Collectors.toMap(StructField::name,
                f -> f.dataType().simpleString(), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void sparkUsesTheDefaultVectorizedReader() {
        assertEquals("true", spark.conf().get("spark.sql.parquet.enableVectorizedReader"));
        for (String table : List.of("frames", "runs")) {
            String plan = spark.read().parquet(archive.root() + "/" + table).queryExecution().executedPlan().toString();
            assertTrue(plan.contains("ColumnarToRow") && plan.contains("Batched: true"), table + ":\n" + plan);
        }
    }

    @Test
    void framesHaveTheContractColumnsAndTypes() {
        Dataset<Row> frames = spark.read().parquet(archive.root() + "/frames");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String c : List.of("frame", "atom")) expected.put(c, "int");
        expected.put("time_ps", "double");
        expected.put("species", "string");
        for (String c : List.of("x", "y", "z", "vx", "vy", "vz")) expected.put(c, "float");
        expected.put("run_id", "string");
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(types(frames)));
        assertEquals(List.of("frame", "time_ps", "atom", "species", "x", "y", "z", "vx", "vy", "vz", "run_id"),
                Arrays.asList(frames.columns()));
        List<String> runIds = frames.select("run_id").distinct().orderBy("run_id").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        assertEquals(List.of(RUN_A, RUN_B), runIds);
    }

    @Test
    void frameValuesSurviveTheRoundTripAndPendingShardIsInvisible() {
        Dataset<Row> frames = spark.read().parquet(archive.root() + "/frames");
        assertEquals(5L * SPECIES.length, frames.where("run_id = '" + RUN_A + "'").count());
        assertEquals(4L * SPECIES.length, frames.where("run_id = '" + RUN_B + "'").count()); // not 5 frames
        List<Row> rows = frames.orderBy("run_id", "frame", "atom").collectAsList();
        assertEquals(9 * SPECIES.length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean a = i < 5 * SPECIES.length;
            int local = a ? i : i - 5 * SPECIES.length;
            int frame = local / SPECIES.length, atom = local % SPECIES.length;
            assertEquals(a ? RUN_A : RUN_B, r.getString(r.fieldIndex("run_id")));
            assertEquals(frame, r.getInt(r.fieldIndex("frame")));
            assertEquals(atom, r.getInt(r.fieldIndex("atom")));
            assertEquals(0.1 * frame, r.getDouble(r.fieldIndex("time_ps")));
            assertEquals(SPECIES[atom], r.getString(r.fieldIndex("species")));
            for (int c = 0; c < 3; c++) {
                assertEquals((float) positions(frame)[3 * atom + c], r.getFloat(r.fieldIndex("xyz".substring(c, c + 1))));
                String v = "v" + "xyz".charAt(c);
                if (a) assertEquals((float) velocities(frame)[3 * atom + c], r.getFloat(r.fieldIndex(v)));
                else assertTrue(r.isNullAt(r.fieldIndex(v)));
            }
        }
    }

    @Test
    void runsHaveTheContractColumnsAndTypes() {
        Dataset<Row> runs = spark.read().parquet(archive.root() + "/runs");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("run_id", "string");
        expected.put("system", "string");
        expected.put("temperature_k", "double");
        expected.put("vacancy_fraction", "double");
        expected.put("replica", "int");
        expected.put("n_atoms", "int");
        expected.put("timestep_fs", "double");
        expected.put("frame_interval_ps", "double");
        expected.put("n_frames", "int");
        expected.put("cell", "array<double>");
        expected.put("species", "array<string>");
        expected.put("masses", "array<double>");
        expected.put("potential", "string");
        expected.put("seed", "bigint");
        expected.put("source", "string");
        assertEquals(expected, types(runs));

        List<Row> rows = runs.orderBy("run_id").collectAsList();
        assertEquals(2, rows.size());
        Row a = rows.get(0), b = rows.get(1);
        assertEquals(RUN_A, a.getString(0));
        assertEquals(123456789012345L, a.getLong(a.fieldIndex("seed")));
        assertEquals(0.1, a.getDouble(a.fieldIndex("vacancy_fraction")));
        assertEquals(5, a.getInt(a.fieldIndex("n_frames")));
        assertEquals(List.of(6.6, 0.0, 0.0, 0.0, 6.6, 0.0, 0.0, 0.0, 6.6), a.getList(a.fieldIndex("cell")));
        assertEquals(List.of("Ag", "Te"), a.getList(a.fieldIndex("species")));
        assertEquals(List.of(107.8682, 127.60), a.getList(a.fieldIndex("masses")));
        assertEquals("{\"style\":\"vashishta\"}", a.getString(a.fieldIndex("potential")));
        assertEquals(RUN_B, b.getString(0));
        assertTrue(b.isNullAt(b.fieldIndex("potential")));
        assertEquals("lammps-dump", b.getString(b.fieldIndex("source")));
    }

    @Test
    void tablesWrittenBySparkAreReadableByIonFlowReaders() throws Exception {
        Archive copy = Archive.at(dir.resolve("spark-written").toString());
        spark.read().parquet(archive.root() + "/runs").coalesce(1)
                .write().mode("overwrite").parquet(copy.runsDir().toString());
        assertEquals(List.of(runA, runB), RunsTableReader.readAll(copy));

        spark.read().parquet(archive.root() + "/frames").where("run_id = '" + RUN_A + "'").coalesce(1)
                .sortWithinPartitions("frame", "atom")
                .write().mode("overwrite").partitionBy("run_id").parquet(copy.framesDir().toString());
        FileStatus[] files = copy.fileSystem().listStatus(copy.runFramesDir(RUN_A),
                p -> p.getName().endsWith(".parquet") && !p.getName().startsWith("."));
        assertEquals(1, files.length);
        FrameShard shard = FrameShardReader.read(copy, files[0].getPath());
        shard.validate();
        assertEquals(5, shard.frameCount());
        double[] p3 = shard.framePositions(3);
        double[] expected = positions(3);
        for (int k = 0; k < p3.length; k++) assertEquals((float) expected[k], (float) p3[k]);
        assertArrayEquals(SPECIES, Arrays.copyOf(shard.species(), SPECIES.length));
        assertNull(FrameShardReader.read(archive, RUN_B, 0).velocities());
    }
}
