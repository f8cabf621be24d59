package io.ionflow.jobs.it;

import io.ionflow.jobs.Main;
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

/**
 * spark-submit of the unchanged shaded jar to a real standalone cluster on loopback: the results equal
 * the local-mode results.
 */
class StandaloneClusterIT {

    @Test
    void simulateAndMsdOnAStandaloneClusterEqualLocalMode(@TempDir Path dir) throws Exception {
        Path campaign = dir.resolve("c.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [600]"));
        Path local = dir.resolve("local"), cluster = dir.resolve("cluster");
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", local.toString()));
        try (StandaloneCluster c = new StandaloneCluster(dir, JarIT.jar(), 2)) {
            Path log = dir.resolve("submit-simulate.log");
            int rc = c.submit(log, "io.ionflow.jobs.Main", "simulate", "--on-spark",
                    "--campaign", campaign.toString(), "--archive", "file://" + cluster);
            assertEquals(0, rc, Files.readString(log));
            // the msd job on the cluster equals msd in local mode on the same frames
            Path msdLog = dir.resolve("submit-msd.log");
            assertEquals(0, c.submit(msdLog, "io.ionflow.jobs.Main", "msd", "--archive", "file://" + cluster),
                    Files.readString(msdLog));
        }
        assertEquals(0, Main.execute("msd", "--archive", local.toString()));
        List<String> dLocal = Files.readAllLines(local.resolve("report/diffusion.csv"));
        List<String> dCluster = Files.readAllLines(cluster.resolve("report/diffusion.csv"));
        assertEquals(dLocal, dCluster, "report/diffusion.csv from the cluster equals local mode");
        assertEquals(1 + 2 * 2, dLocal.size(), "2 runs × 2 species msd rows: " + dLocal);
        Archive a = Archive.at(local.toString()), b = Archive.at(cluster.toString());
        List<RunInfo> ra = RunsTableReader.readAll(a), rb = RunsTableReader.readAll(b);
        ra.sort(Comparator.comparing(RunInfo::runId));
        rb.sort(Comparator.comparing(RunInfo::runId));
        assertEquals(ra, rb);
        for (RunInfo r : ra) {
            assertEquals(a.shardIndices(r.runId()), b.shardIndices(r.runId()));
            for (int k : a.shardIndices(r.runId())) {
                FrameShard x = FrameShardReader.read(a, r.runId(), k), y = FrameShardReader.read(b, r.runId(), k);
                assertArrayEquals(x.positions(), y.positions(), r.runId() + " shard " + k);
            }
        }
    }
}
