package io.ionflow.simulate.campaign;

import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.PotentialStore;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs written by {@link MdRun} carry a compact runs.potential; their shared parameter file is stored once. */
class StoredPotentialRunTest {

    @Test
    void twoRunsWithOnePotentialStoreOneFile(@TempDir Path dir) throws Exception {
        Path f = CampaignTest.write(dir, CampaignTest.base(TestSystems.ag2tePotentialFile().toString()));
        List<RunSpec> specs = Campaign.read(f).runs();
        Archive a = Archive.at(dir.resolve("archive").toString());
        for (RunSpec spec : List.of(specs.get(0), specs.get(1))) {
            assertEquals(RunResult.Status.DONE, MdRun.run(a, spec, RunListener.NONE).status());
        }
        String sha = PotentialStore.sha256(Files.readAllBytes(TestSystems.ag2tePotentialFile()));
        try (var s = Files.list(dir.resolve("archive/potentials"))) {
            assertEquals(List.of(sha + ".txt"), s.map(p -> p.getFileName().toString()).toList());
        }
        for (RunInfo info : RunsTableReader.readAll(a)) {
            assertTrue(info.potential().length() < 1024, info.potential());
            assertFalse(info.potential().contains("parameters"), info.potential());
            assertEquals(sha, PotentialStore.parametersSha256(info.potential()));
            var back = PotentialStore.load(a, info.potential(), List.of(info.species()));
            assertEquals(TestSystems.ag2te().toJson(), back.toJson());
        }
    }
}
