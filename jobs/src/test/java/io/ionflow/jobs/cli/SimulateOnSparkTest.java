package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.TestConf;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** `simulate --on-spark` (one Spark task per run) writes the same archive as the multi-threaded mode. */
class SimulateOnSparkTest {

    @Test
    void sparkCampaignEqualsThreadedCampaign(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = dir.resolve("c.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [600]"));
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", plain.toString()));
        assertEquals(0, Main.execute("simulate", "--on-spark", "--campaign", campaign.toString(), "--archive", spark.toString()));
        Archive a = Archive.at(plain.toString()), b = Archive.at(spark.toString());
        List<RunInfo> ra = RunsTableReader.readAll(a), rb = RunsTableReader.readAll(b);
        ra.sort(Comparator.comparing(RunInfo::runId));
        rb.sort(Comparator.comparing(RunInfo::runId));
        assertEquals(ra, rb);
        assertEquals(2, ra.size());
        for (RunInfo r : ra) {
            for (int k : a.shardIndices(r.runId())) {
                FrameShard x = FrameShardReader.read(a, r.runId(), k), y = FrameShardReader.read(b, r.runId(), k);
                assertArrayEquals(x.positions(), y.positions(), r.runId() + " shard " + k);
                assertArrayEquals(x.velocities(), y.velocities(), r.runId() + " shard " + k);
            }
            assertEquals(a.shardIndices(r.runId()), b.shardIndices(r.runId()));
        }
    }
}
