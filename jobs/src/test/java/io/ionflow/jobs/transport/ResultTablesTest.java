package io.ionflow.jobs.transport;

import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.bench.SyntheticArchive;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.ionflow.jobs.transport.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysis tables written inside the tasks ({@link ResultTables}, parquet-mr) are what Spark's own
 * {@code partitionBy(…).parquet(…)} writes for the same rows: the same partition directories, the same Parquet
 * schema (names, order, types, repetition) and the same Spark schema in the footer, on both paths (direct and
 * shuffle), for msd, vacf, vdos and diffusion; and Spark reads them back to the same rows.
 */
class ResultTablesTest {
    @Test
    void tablesAreWhatSparkWrites(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        List<SyntheticArchive.RunSpec> runs = List.of(
                new SyntheticArchive.RunSpec("Small", 500, 0.05, SyntheticRuns.species(2), 300, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 11L, 20.0),
                new SyntheticArchive.RunSpec("Large", 700, 0.1, SyntheticRuns.species(2), 500, 0.02, 70,
                        SyntheticRuns.DRIFT, true, 12L, 20.0));
        SyntheticRuns.write(archive, runs);
        try {
            spark.conf().set(TransportJob.DIRECT_MAX_ATOM_FRAMES, "25000"); // Small: direct; Large: shuffle
            for (String job : List.of("msd", "vacf")) {
                JobTestSupport.Run r = cli(job, "--archive", archive, "--progress-seconds", "1000");
                assertEquals(0, r.rc(), r.out());
            }
        } finally {
            spark.conf().unset(TransportJob.DIRECT_MAX_ATOM_FRAMES);
        }
        Map<String, String[]> tables = Map.of("msd", new String[] {"run_id"}, "vacf", new String[] {"run_id"},
                "vdos", new String[] {"run_id"}, "diffusion", new String[] {"run_id", "method"});
        for (Map.Entry<String, String[]> t : tables.entrySet()) {
            Path ours = dir.resolve("a/analysis/" + t.getKey());
            Dataset<Row> rows = spark.read().parquet(ours.toString());
            if ("diffusion".equals(t.getKey())) { // Spark reads every column as nullable; the job's rows have these not null
                StructType st = new StructType();
                for (StructField f : rows.schema().fields()) {
                    st = st.add(f.name(), f.dataType(), !List.of("temperature_k", "vacancy_fraction").contains(f.name()));
                }
                rows = spark.createDataFrame(rows.javaRDD(), st);
            }
            Path theirs = dir.resolve("spark-" + t.getKey());
            rows.write().partitionBy(t.getValue()).parquet(theirs.toString());
            List<String> parts = new ArrayList<>();
            for (String run : List.of("Small", "Large")) {
                if (t.getValue().length > 1) {
                    parts.add("run_id=" + run + "/method=msd");
                    parts.add("run_id=" + run + "/method=vacf");
                } else {
                    parts.add("run_id=" + run);
                }
            }
            for (String part : parts) {
                List<Path> a = parquetFiles(ours.resolve(part));
                List<Path> b = parquetFiles(theirs.resolve(part));
                assertEquals(1, a.size(), t.getKey() + " " + part + ": one file per run partition");
                assertFalse(b.isEmpty(), t.getKey() + " " + part);
                FileMetaData fa = footer(a.get(0));
                FileMetaData fb = footer(b.get(0));
                assertEquals(fb.getSchema(), fa.getSchema(), t.getKey() + " " + part + ": Parquet schema");
                String key = "org.apache.spark.sql.parquet.row.metadata";
                assertEquals(fb.getKeyValueMetaData().get(key), fa.getKeyValueMetaData().get(key),
                        t.getKey() + " " + part + ": Spark schema in the footer");
            }
            Dataset<Row> back = spark.read().parquet(theirs.toString());
            assertEquals(spark.read().parquet(ours.toString()).schema(), back.schema(), t.getKey());
            assertTrue(rows.count() > 0, t.getKey());
            assertEquals(0, rows.exceptAll(back.select(rows.columns()[0], java.util.Arrays.copyOfRange(rows.columns(), 1,
                    rows.columns().length))).count(), t.getKey() + ": same rows");
        }
        // nothing hidden is left behind by the task-side writers
        try (Stream<Path> files = Files.walk(dir.resolve("a/analysis"))) {
            List<String> hidden = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.endsWith(".crc")).toList(); // .crc: Hadoop's local checksums
            assertTrue(hidden.isEmpty(), "no staging directory or temporary file left: " + hidden);
        }
    }

    private static List<Path> parquetFiles(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().forEach(out::add);
        }
        return out;
    }

    private static FileMetaData footer(Path file) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData();
        }
    }
}
