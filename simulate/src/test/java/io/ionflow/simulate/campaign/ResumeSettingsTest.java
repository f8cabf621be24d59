package io.ionflow.simulate.campaign;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resume checks what it resumes: a run killed mid-production and re-run with an edited campaign (another seed, another
 * time step) is refused by name, its shards untouched; with restartChanged it is discarded and redone, giving exactly
 * the frames of a clean run of the new settings; a complete run whose settings differ is reported, not silently kept.
 */
class ResumeSettingsTest {

    static RunSpec with(RunSpec s, long seed, double timestepFs) {
        return new RunSpec(s.runId(), s.system(), s.cation(), s.anion(), s.potentialStyle(), s.potentialFile(), s.latticeA(),
                s.supercell(), s.temperatureK(), s.vacancyFraction(), s.chargeNeutralVacancies(), s.replica(), seed,
                timestepFs, s.nptPs(), s.nvtPs(), s.productionPs(), s.frameIntervalPs(), s.framesPerShard(),
                s.thermostatTauPs(), s.barostatTauPs(), s.pressureGPa(), s.compressibilityPerGPa(), s.skinA(), s.threads());
    }

    static void crashMidProduction(Archive a, RunSpec spec) {
        RunListener crash = new RunListener() {
            @Override public void progress(String id, String phase, long done, long total, int atoms) {
                if ("production".equals(phase) && done >= 230) throw new MdRunTest.Crash();
            }
            @Override public void finished(String id, RunResult r) {}
        };
        assertThrows(MdRunTest.Crash.class, () -> MdRun.run(a, spec, crash));
    }

    @Test
    void anEditedCampaignIsNotSplicedOntoAnOldCheckpoint(@TempDir Path dir) throws Exception {
        RunSpec spec = MdRunTest.spec(dir);
        Archive a = Archive.at(dir.resolve("a").toString());
        crashMidProduction(a, spec);
        List<Integer> shardsBefore = a.shardIndices(spec.runId());

        for (RunSpec edited : List.of(with(spec, spec.seed() + 1, spec.timestepFs()),
                with(spec, spec.seed(), spec.timestepFs() / 2))) {
            RunSettings.ChangedException e = assertThrows(RunSettings.ChangedException.class,
                    () -> MdRun.run(a, edited, RunListener.NONE));
            String what = edited.seed() != spec.seed() ? "seed: " + spec.seed() + " -> " + edited.seed()
                    : "timestep_fs: " + spec.timestepFs() + " -> " + edited.timestepFs();
            assertTrue(e.getMessage().contains(what) && e.getMessage().contains("--restart-changed"), e.getMessage());
            assertEquals(shardsBefore, a.shardIndices(spec.runId()), "nothing deleted by a refusal");
        }

        // the unchanged campaign still resumes
        RunSpec other = with(spec, spec.seed() + 1, spec.timestepFs());
        assertEquals(RunResult.Status.DONE, MdRun.run(a, other, RunListener.NONE, true).status(), "restart with new settings");
        Archive clean = Archive.at(dir.resolve("clean").toString());
        assertEquals(RunResult.Status.DONE, MdRun.run(clean, other, RunListener.NONE).status());
        for (int k : clean.shardIndices(spec.runId())) {
            FrameShard x = FrameShardReader.read(clean, spec.runId(), k);
            FrameShard y = FrameShardReader.read(a, spec.runId(), k);
            assertArrayEquals(x.positions(), y.positions(), "shard " + k + ": the restarted run is the clean run bit for bit");
        }
        assertEquals(clean.shardIndices(spec.runId()), a.shardIndices(spec.runId()));

        // complete now: a campaign that differs again is reported, the run kept
        RunResult r = MdRun.run(a, spec, RunListener.NONE);
        assertEquals(RunResult.Status.SKIPPED, r.status());
        assertTrue(r.message().contains("already complete, but the campaign now differs (seed: " + other.seed() + " -> "
                + spec.seed()), r.message());
        assertEquals("already complete in the archive", MdRun.run(a, other, RunListener.NONE).message());
    }
}
