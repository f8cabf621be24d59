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

        // Kill at seeded moments measured in progress, not in wall-clock time (a fast machine finishes the whole
        // run before a fixed delay runs out): each attempt waits until 1-3 more shards are committed than at its
        // start, then a seeded 0-60 ms more, so the kill lands mid-step, mid-shard or mid-publish.
        int totalShards = Archive.at(ref.toString()).shardIndices(
                RunsTableReader.readAll(Archive.at(ref.toString())).get(0).runId()).size();
        assertTrue(totalShards >= 8, "the campaign must give enough shards to kill between (" + totalShards + ")");
        SplittableRandom rnd = new SplittableRandom(20261126L);
        int kills = 0;
        for (int attempt = 0; attempt < 8 && kills < 4; attempt++) {
            int before = committedShards(killed);
            int target = before + 1 + rnd.nextInt(3);
            if (target >= totalShards) break;
            long extraMs = rnd.nextLong(60);
            Process p = start(campaign, killed, dir.resolve("log" + attempt + ".txt"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            boolean finished = false;
            while (committedShards(killed) < target) {
                if (p.waitFor(5, TimeUnit.MILLISECONDS)) { finished = true; break; }
                assertTrue(System.nanoTime() < deadline, "no progress in 2 min, see " + dir.resolve("log" + attempt + ".txt"));
            }
            if (finished || p.waitFor(extraMs, TimeUnit.MILLISECONDS)) break; // finished before the kill
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
            kills++;
            System.out.printf("KillResumeTest: kill %d after %d of %d shards (+%d ms)%n", kills, target, totalShards, extraMs);
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

    /** Committed trajectory shards (part-NNNNN.parquet, not the .inprogress temporaries) of the one run. */
    static int committedShards(Path archive) throws Exception {
        Path frames = archive.resolve("frames");
        if (!Files.isDirectory(frames)) return 0;
        try (var files = Files.walk(frames)) {
            return (int) files.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.startsWith("part-") && n.endsWith(".parquet")).count();
        }
    }
}
