package io.ionflow.jobs;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.bench.SyntheticArchive.Kind;
import io.ionflow.jobs.bench.SyntheticArchive.SpeciesSpec;
import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged shards at the job level, all in one archive and one {@code msd} call: a truncated shard, flipped
 * bytes in a shard's footer, a shard rewritten without column {@code y}, a shard copied under a second part
 * name (its frames twice), one frame repeated inside a shard, and one frame removed from a shard. Each bad run
 * gets one line naming the run, the file and the problem, no stack trace, exit code 1; the good run's results
 * are written.
 */
class MsdCorruptionTest {
    private static final List<SpeciesSpec> SPECIES = List.of(
            new SpeciesSpec("Ag", 107.8682, 8, Kind.LANGEVIN, 1.0, 10.0),
            new SpeciesSpec("Te", 127.60, 8, Kind.VIBRATE, 0.1, 15.0));

    private static SyntheticArchive.RunSpec run(String id) {
        return new SyntheticArchive.RunSpec(id, 600, 0.0, SPECIES, 60, 0.02, 20, new double[] {0.1, 0, 0}, true,
                id.hashCode(), 10.0);
    }

    @Test
    void damagedShardsAreNamedAndTheGoodRunIsWritten(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String archive = dir.resolve("a").toString();
        Archive a = Archive.at(archive);
        List<String> ids = List.of("Good", "Truncated", "Footer", "NoY", "DupShard", "DupFrame", "NoFrame25",
                "Empty");
        SyntheticArchive.write(a, ids.stream().map(MsdCorruptionTest::run).toList(), 2);
        Path frames = dir.resolve("a/frames");

        // truncated: the first 60 % of a valid shard's bytes
        Path trunc = frames.resolve("run_id=Truncated/part-00001.parquet");
        byte[] tb = Files.readAllBytes(trunc);
        Files.write(trunc, Arrays.copyOf(tb, (int) (tb.length * 0.6)));

        // flipped bytes inside the footer metadata (the Thrift FileMetaData before the length and 'PAR1')
        Path foot = frames.resolve("run_id=Footer/part-00001.parquet");
        byte[] fb = Files.readAllBytes(foot);
        assertEquals("PAR1", new String(fb, fb.length - 4, 4, "US-ASCII"));
        int footerLen = ByteBuffer.wrap(fb, fb.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = fb.length - 8 - footerLen;
        for (int i = 0; i < 16; i++) {
            fb[footerStart + footerLen / 3 + i] ^= (byte) 0xA5;
        }
        Files.write(foot, fb);

        // a shard written by another tool without column y
        rewrite(spark, dir, frames.resolve("run_id=NoY/part-00001.parquet"), d -> d.drop("y"));
        // a shard copied under a second part name: frames 20..39 twice
        Files.copy(frames.resolve("run_id=DupShard/part-00001.parquet"), frames.resolve("run_id=DupShard/part-00003.parquet"));
        // one frame's rows twice inside a shard
        rewrite(spark, dir, frames.resolve("run_id=DupFrame/part-00001.parquet"),
                d -> d.union(d.where(col("frame").equalTo(25))).orderBy("frame", "atom"));
        // one frame (not a whole shard) removed
        rewrite(spark, dir, frames.resolve("run_id=NoFrame25/part-00001.parquet"), d -> d.where(col("frame").notEqual(25)));

        // a shard cut to 0 bytes (a writer killed before it wrote anything, a full disk): Spark would skip it silently
        Files.write(frames.resolve("run_id=Empty/part-00001.parquet"), new byte[0]);

        JobTestSupport.Run r = cli("msd", "--archive", archive);
        assertEquals(1, r.rc(), r.out() + r.err());
        String err = r.err();
        assertTrue(err.contains("7 run(s) failed"), err);
        assertFalse(err.contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.out() + err);

        String t = line(err, "FAILED Truncated");
        assertTrue(t.contains("run_id=Truncated/part-00001.parquet") && t.contains("cannot be read"), t);
        String f = line(err, "FAILED Footer");
        assertTrue(f.contains("run_id=Footer/part-00001.parquet") && f.contains("cannot be read"), f);
        String y = line(err, "FAILED NoY");
        assertTrue(y.contains("run_id=NoY/part-00001.parquet") && y.contains("column y is missing"), y);
        String ds = line(err, "FAILED DupShard");
        assertTrue(ds.contains("frame 20 has 32 rows, expected n_atoms = 16")
                && ds.contains("run_id=DupShard/part-00001.parquet") && ds.contains("run_id=DupShard/part-00003.parquet"), ds);
        String df = line(err, "FAILED DupFrame");
        assertTrue(df.contains("frame 25 has 32 rows, expected n_atoms = 16") && df.contains("run_id=DupFrame/part-00001.parquet"),
                df);
        String em = line(err, "FAILED Empty");
        assertTrue(em.contains("run_id=Empty/part-00001.parquet is empty (0 bytes): not a Parquet shard"), em);
        String nf = line(err, "FAILED NoFrame25");
        assertTrue(nf.contains("frame 25 is missing") && nf.contains("run_id=NoFrame25/part-00001.parquet"), nf);
        for (String id : ids.subList(1, ids.size())) {
            assertEquals(1, err.lines().filter(l -> l.contains("FAILED " + id + " ")).count(), "one line for " + id + ": " + err);
        }

        Set<String> written = new TreeSet<>();
        for (Row row : spark.read().parquet(archive + "/analysis/msd").select("run_id").distinct().collectAsList()) {
            written.add(row.getString(0));
        }
        assertEquals(Set.of("Good"), written);
        assertEquals(List.of("Good/Ag/msd", "Good/Te/msd"), DiffusionCsv.read(a).stream()
                .map(l -> l.runId() + "/" + l.species() + "/" + l.method()).toList());
        assertEquals(List.of("Good/Ag", "Good/Te"), spark.read().parquet(archive + "/analysis/diffusion").orderBy("species")
                .collectAsList().stream().map(x -> x.getAs("run_id") + "/" + x.getAs("species")).toList());
    }

    /** Rewrites one shard through Spark (as another tool would), in (frame, atom) order, under the same name. */
    static void rewrite(SparkSession spark, Path dir, Path shard, UnaryOperator<Dataset<Row>> change) throws Exception {
        Dataset<Row> d = change.apply(spark.read().parquet(shard.toString()));
        Path tmp = Files.createTempDirectory(dir, "rewrite");
        Files.delete(tmp);
        d.coalesce(1).write().parquet(tmp.toString());
        File part = List.of(tmp.toFile().listFiles()).stream().filter(x -> x.getName().endsWith(".parquet")).findFirst()
                .orElseThrow();
        Files.move(part.toPath(), shard, StandardCopyOption.REPLACE_EXISTING);
    }

    static String line(String text, String start) {
        return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElse("<no line starting with " + start + ">");
    }
}
