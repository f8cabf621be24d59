package io.ionflow.simulate.campaign;

import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run writes the contract's files; a run interrupted mid-production resumes to the very same frames. */
class MdRunTest {

    static RunSpec spec(Path campaignDir) throws Exception {
        Path f = CampaignTest.write(campaignDir, CampaignTest.base(TestSystems.ag2tePotentialFile().toString()));
        return Campaign.read(f).runs().get(2); // T = 500 K, 10 % vacancies, replica 0
    }

    /** Simulates a crash (like kill -9) once the run has made {@code afterSteps} production steps. */
    static final class Crash extends RuntimeException {}

    @Test
    void completedRunHasRunsRowShardsAndNoCheckpoint(@TempDir Path dir) throws Exception {
        RunSpec spec = spec(dir);
        Archive a = Archive.at(dir.resolve("archive").toString());
        RunResult r = MdRun.run(a, spec, RunListener.NONE);
        assertEquals(RunResult.Status.DONE, r.status(), r.message());
        RunInfo info = RunsTableReader.find(a, spec.runId()).orElseThrow();
        assertEquals(spec.frameCount(), info.nFrames());
        assertEquals(96 - 3, info.nAtoms(), "round(0.1 × 32) = 3 Te vacancies");
        assertArrayEquals(new String[] {"Ag", "Te"}, info.species());
        assertEquals("ionflow-md", info.source());
        assertTrue(info.potential().contains("vashishta"));
        assertEquals(List.of(0, 1, 2), a.shardIndices(spec.runId()));
        int frames = 0;
        for (int k = 0; k < 3; k++) {
            FrameShard s = FrameShardReader.read(a, spec.runId(), k);
            s.validate();
            assertEquals(4 * k, s.firstFrame());
            frames += s.frameCount();
        }
        assertEquals(spec.frameCount(), frames);
        assertFalse(a.fileSystem().exists(Checkpoint.path(a, spec.runId())));
        // a second run of the same spec is skipped, not redone
        assertEquals(RunResult.Status.SKIPPED, MdRun.run(a, spec, RunListener.NONE).status());
    }

    @Test
    void interruptedRunResumesToIdenticalFrames(@TempDir Path dir) throws Exception {
        RunSpec spec = spec(dir);
        Archive ref = Archive.at(dir.resolve("ref").toString());
        MdRun.run(ref, spec, RunListener.NONE);

        Archive a = Archive.at(dir.resolve("crashy").toString());
        for (long crashAt : new long[] {230, 420}) { // mid shard 1, then mid shard 2
            RunListener crash = new RunListener() {
                @Override public void progress(String id, String phase, long done, long total, int atoms) {
                    if ("production".equals(phase) && done >= crashAt) throw new Crash();
                }
                @Override public void finished(String id, RunResult r) {}
            };
            assertThrows(Crash.class, () -> MdRun.run(a, spec, crash));
            assertTrue(a.fileSystem().exists(Checkpoint.path(a, spec.runId())), "checkpoint left for resume");
        }
        assertEquals(RunResult.Status.DONE, MdRun.run(a, spec, RunListener.NONE).status());
        assertEquals(ref.shardIndices(spec.runId()), a.shardIndices(spec.runId()));
        for (int k : ref.shardIndices(spec.runId())) {
            FrameShard x = FrameShardReader.read(ref, spec.runId(), k), y = FrameShardReader.read(a, spec.runId(), k);
            assertArrayEquals(x.frames(), y.frames());
            assertArrayEquals(x.positions(), y.positions(), "shard " + k + " positions bit for bit");
            assertArrayEquals(x.velocities(), y.velocities(), "shard " + k + " velocities bit for bit");
        }
        assertTrue(Files.list(dir.resolve("crashy/frames/run_id=" + spec.runId())).noneMatch(p -> p.getFileName().toString().startsWith(".")),
                "no temporary files left");
    }
}
