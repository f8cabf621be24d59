package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.TestConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end: a campaign through `simulate`, read back by Spark; bad input gives exit code 2. */
class SimulateCommandTest {

    @Test
    void simulateWritesAnArchiveSparkCanRead(@TempDir Path dir) throws Exception {
        Path campaign = TestConf.tinyCampaign(dir);
        String archive = dir.resolve("archive").toString();
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", archive, "--progress-seconds", "1"));
        Dataset<Row> runs = SharedSpark.session().read().parquet(archive + "/runs");
        assertEquals(4, runs.count());
        Dataset<Row> frames = SharedSpark.session().read().parquet(archive + "/frames");
        List<Row> counts = frames.groupBy("run_id").count().orderBy("run_id").collectAsList();
        assertEquals(4, counts.size());
        for (Row r : counts) {
            long atoms = r.getString(0).contains("vac0.100") ? 93 : 96;
            assertEquals(40 * atoms, r.getLong(1), "40 frames × atoms for " + r.getString(0));
        }
        // species are Ag and Te, the frames are in (frame, atom) order and positions unwrapped floats
        assertEquals(2, frames.select("species").distinct().count());
        assertTrue(frames.schema().apply("x").dataType().typeName().equals("float"));
        // re-running skips the completed runs
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", archive));
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString().contains("0 done, 4 already complete"), buf.toString());
    }

    @Test
    void badInputGivesOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(TestConf.tinyCampaign(dir)).replace("[500, 700]", "[-500]"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = Main.execute("simulate", "--campaign", bad.toString(), "--archive", dir.resolve("a").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, rc);
        String text = err.toString();
        assertTrue(text.contains("temperatures_k") && text.contains("bad.json"), text);
        assertTrue(!text.contains("\tat "), "no stack trace without --verbose: " + text);
        assertEquals(2, Main.execute("simulate", "--campaign", dir.resolve("none.json").toString(), "--archive", "x"));
        assertEquals(2, Main.execute("simulate", "--bogus-option"));
    }
}
