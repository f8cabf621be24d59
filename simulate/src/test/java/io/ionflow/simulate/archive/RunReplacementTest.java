package io.ionflow.simulate.archive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replacing a run is atomic: killed at every point of the replacement (before its journal, after it, after each of
 * its six steps), then recovered as the next IonFlow command does, the archive holds the old run or the new run,
 * complete — its runs row and exactly its shards — never neither and never a mix.
 */
class RunReplacementTest {
    static final String ID = "r1";

    @AfterEach
    void noCrash() {
        RunReplacement.crashPoint = RunReplacement.NONE;
    }

    /** A run of {@code frames} frames (2 atoms) whose seed marks which version it is. */
    static void writeRun(Archive a, int frames, long seed) throws Exception {
        for (int shard = 0; shard * 2 < frames; shard++) {
            FrameShardWriter w = FrameShardWriter.open(a, ID, shard, new String[] {"Ag", "Te"});
            for (int f = 2 * shard; f < Math.min(frames, 2 * shard + 2); f++) {
                w.writeFrame(f, 0.1 * f, new double[] {seed, 0, f, 1, 1, f}, null);
            }
            w.commit();
        }
        RunsTableWriter.write(a, new RunInfo(ID, "AgTe", 500, 0, 0, 2, 2.0, 0.1, frames,
                new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, new String[] {"Ag", "Te"}, new double[] {107.8682, 127.6},
                null, seed, "extxyz"));
    }

    @Test
    void aKillAtAnyPointLeavesTheOldOrTheNewRunWhole(@TempDir Path dir) throws Exception {
        for (int point = -1; point <= 6; point++) {
            Path root = dir.resolve("p" + point);
            Archive a = Archive.at(root.toString());
            writeRun(a, 3, 1);
            Archive staging = Archive.at(root.resolve(".ingest/" + ID + ".x").toString());
            writeRun(staging, 5, 2);

            RunReplacement.crashPoint = point;
            assertThrows(RunReplacement.Crash.class, () -> RunReplacement.replace(a, staging, ID), "point " + point);
            RunReplacement.crashPoint = RunReplacement.NONE;
            RunReplacement.recover(a); // the next command

            RunInfo info = RunsTableReader.find(a, ID).orElseThrow(() -> new AssertionError("no runs row"));
            long want = point < 0 ? 1 : 2;
            assertEquals(want, info.seed(), "point " + point + ": " + (point < 0 ? "old" : "new") + " run");
            int frames = 0;
            for (int k : a.shardIndices(ID)) {
                FrameShard s = FrameShardReader.read(a, ID, k);
                assertEquals((double) want, (double) s.positions()[0], "point " + point + ": shard " + k + " of the same run");
                frames += s.frameCount();
            }
            assertEquals(info.nFrames(), frames, "point " + point + ": exactly the run's shards");
            try (var files = Files.list(root)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(RunReplacement.JOURNAL_PREFIX)),
                        "point " + point + ": journal finished");
            }
        }
    }

    @Test
    void aFirstIngestGoesThroughTheSameSteps(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        Archive staging = Archive.at(dir.resolve("a/.ingest/" + ID + ".y").toString());
        writeRun(staging, 4, 7);
        RunReplacement.replace(a, staging, ID);
        assertEquals(7, RunsTableReader.find(a, ID).orElseThrow().seed());
        assertFalse(Files.exists(dir.resolve("a/.ingest/" + ID + ".y")), "staging removed");
    }
}
