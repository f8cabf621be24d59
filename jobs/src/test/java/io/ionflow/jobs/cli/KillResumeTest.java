package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.TestConf;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 a real `simulate` process (a child JVM) at seeded random moments, several times, then resume:
 * the final frames equal an uninterrupted run's, bit for bit, with the same seed and thread count.
 */
class KillResumeTest {

    static Process start(Path campaign, Path archive, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("simulate", "--campaign", campaign.toString(), "--archive", archive.toString(),
                "--resume", "--progress-seconds", "0.2"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void killedSimulationResumesToTheUninterruptedFrames(@TempDir Path dir) throws Exception {
        Path campaign = dir.resolve("k.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [600]")
                .replace("\"vacancy_fractions\": [0.0, 0.1]", "\"vacancy_fractions\": [0.1]")
                .replace("\"production_ps\": 1.6", "\"production_ps\": 16.0")
                .replace("\"frames_per_shard\": 16", "\"frames_per_shard\": 25"));
        Path ref = dir.resolve("ref"), killed = dir.resolve("killed");
        Files.createDirectories(killed);
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", ref.toString()));

        SplittableRandom rnd = new SplittableRandom(20261126L);
        int kills = 0;
        for (int attempt = 0; attempt < 8 && kills < 4; attempt++) {
            Process p = start(campaign, killed, dir.resolve("log" + attempt + ".txt"));
            long waitMs = 1500 + rnd.nextLong(4000); // JVM start-up is ~1 s; the run takes several seconds
            if (p.waitFor(waitMs, TimeUnit.MILLISECONDS)) break; // finished before the kill
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
            kills++;
        }
        Process last = start(campaign, killed, dir.resolve("final.txt"));
        assertTrue(last.waitFor(5, TimeUnit.MINUTES), "resumed run did not finish");
        assertEquals(0, last.exitValue(), Files.readString(dir.resolve("final.txt")));
        assertTrue(kills >= 2, "the test must actually kill the process (killed " + kills + " times)");

        Archive a = Archive.at(ref.toString()), b = Archive.at(killed.toString());
        RunInfo ra = RunsTableReader.readAll(a).get(0), rb = RunsTableReader.readAll(b).get(0);
        assertEquals(ra, rb, "runs rows equal");
        List<Integer> shards = a.shardIndices(ra.runId());
        assertEquals(shards, b.shardIndices(rb.runId()));
        int frames = 0;
        for (int k : shards) {
            FrameShard x = FrameShardReader.read(a, ra.runId(), k), y = FrameShardReader.read(b, rb.runId(), k);
            assertArrayEquals(x.frames(), y.frames(), "frames of shard " + k);
            assertArrayEquals(x.positions(), y.positions(), "positions of shard " + k + " bit for bit");
            assertArrayEquals(x.velocities(), y.velocities(), "velocities of shard " + k + " bit for bit");
            frames += x.frameCount();
        }
        assertEquals(ra.nFrames(), frames, "no frame lost or doubled");
        try (var files = Files.walk(killed)) {
            assertTrue(files.map(Path::getFileName).map(Path::toString).noneMatch(n -> n.endsWith(".inprogress")),
                    "no temporary files left");
        }
        assertTrue(!new File(killed.toFile(), "checkpoints/" + ra.runId() + ".ckpt").exists(), "checkpoint removed");
    }
}
