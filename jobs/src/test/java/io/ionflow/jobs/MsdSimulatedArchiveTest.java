package io.ionflow.jobs;

import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** msd on a real (tiny) archive written by `simulate`: α-Ag2Te at 700 K, 96 atoms, 40 frames. */
class MsdSimulatedArchiveTest {
    @Test
    void msdOnASimulatedRun(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = TestConf.tinyCampaign(dir);
        String archive = dir.resolve("archive").toString();
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", archive, "--runs",
                "T700_vac0\\.000", "--progress-seconds", "100"));
        JobTestSupport.Run r = cli("msd", "--archive", archive);
        assertEquals(0, r.rc(), r.out() + r.err());
        // 1.6 ps at 700 K: Ag has moved 3.1 Å², Te 0.5 Å² — not "clearly immobile" (ratio 0.16 > 0.1), so the system
        assertTrue(r.out().contains("drift reference system centre of mass (auto: no species is immobile"), r.out());
        List<DiffusionCsv.Line> lines = DiffusionCsv.read(Archive.at(archive));
        assertEquals(List.of("Ag", "Te"), lines.stream().map(DiffusionCsv.Line::species).toList());
        DiffusionCsv.Line ag = lines.get(0);
        DiffusionCsv.Line te = lines.get(1);
        assertTrue(ag.runId().startsWith("Ag2Te_T700_vac0.000"), ag.toString());
        assertTrue(Double.isFinite(ag.dCm2PerS()) && ag.dCm2PerS() > te.dCm2PerS(), "Ag moves more than Te: " + lines);
    }
}
