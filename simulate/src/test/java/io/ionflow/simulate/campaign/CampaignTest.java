package io.ionflow.simulate.campaign;

import io.ionflow.simulate.TestSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignTest {

    static String base(String potential) {
        return """
                {"name": "t", "potential": {"style": "vashishta", "file": "%s"},
                 "lattice_constant_a": 6.57, "supercell": 2, "temperatures_k": [500, 700],
                 "vacancy_fractions": [0.0, 0.1], "replicas": 2, "timestep_fs": 2.0,
                 "equilibration": {"npt_ps": 0.1, "nvt_ps": 0.1}, "production_ps": 1.0,
                 "frame_interval_ps": 0.1, "frames_per_shard": 4, "seed": 7}
                """.formatted(potential.replace("\\", "\\\\"));
    }

    static Path write(Path dir, String json) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void theShippedDemoCampaignParses() {
        Campaign c = Campaign.read(TestSystems.conf().resolve("campaigns/demo.json"));
        assertTrue(c.runs().size() >= 4);
        assertTrue(c.runs().stream().map(RunSpec::temperatureK).distinct().count() >= 2, "at least two temperatures");
        for (RunSpec r : c.runs()) {
            assertTrue(Character.isLetter(r.runId().charAt(0)));
            assertEquals("Ag", r.cation());
            assertEquals("Te", r.anion());
        }
    }

    @Test
    void expandsTheGridWithStableDistinctIdsAndSeeds(@TempDir Path dir) throws Exception {
        Campaign c = Campaign.read(write(dir, base(TestSystems.ag2tePotentialFile().toString())));
        assertEquals(8, c.runs().size());
        assertEquals(8, c.runs().stream().map(RunSpec::runId).distinct().count());
        assertEquals(8, c.runs().stream().map(RunSpec::seed).distinct().count());
        RunSpec r = c.runs().get(0);
        assertEquals("Ag2Te_T500_vac0.000_r0", r.runId());
        assertEquals(50, r.stepsPerFrame());
        assertEquals(10, r.frameCount());
        assertEquals(3, r.shardCount());
        Campaign again = Campaign.read(write(dir, base(TestSystems.ag2tePotentialFile().toString())));
        assertEquals(c.runs().get(5).seed(), again.runs().get(5).seed());
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed(@TempDir Path dir) throws Exception {
        String pot = TestSystems.ag2tePotentialFile().toString();
        String[][] cases = {
            {"\"temperatures_k\": [500, 700]", "\"temperatures_k\": [-5]", "temperatures_k"},
            {"\"vacancy_fractions\": [0.0, 0.1]", "\"vacancy_fractions\": [1.0]", "vacancy_fractions"},
            {"\"timestep_fs\": 2.0", "\"timestep_fs\": 0", "timestep_fs"},
            {"\"timestep_fs\": 2.0", "\"timestep_fs\": 3.0", "frame_interval_ps"},
            {"\"supercell\": 2", "\"supercell\": 0", "supercell"},
            {"\"seed\": 7", "\"seed\": 7, \"temperature\": 3", "unknown key"},
            {"\"style\": \"vashishta\"", "\"style\": \"tersoff\"", "unknown style"},
            {"\"temperatures_k\": [500, 700]", "\"temperatures_k\": [500, 700, 500.0]", "500.0 is listed twice"},
            {"\"vacancy_fractions\": [0.0, 0.1]", "\"vacancy_fractions\": [0.1, 0.1]", "vacancy_fractions: 0.1 is listed twice"},
            {"\"production_ps\": 1.0", "\"production_ps\": 0.05", "production_ps: 0.05 ps stores 1 frame(s)"},
            {"\"supercell\": 2", "\"supercell\": 200", "supercell: 96000000 atoms per run"},
        };
        for (String[] c : cases) {
            String json = base(pot).replace(c[0], c[1]);
            CampaignException e = assertThrows(CampaignException.class, () -> Campaign.read(write(dir, json)), c[1]);
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
            assertTrue(e.getMessage().contains("c.json"), "message names the file: " + e.getMessage());
        }
        CampaignException missing = assertThrows(CampaignException.class,
                () -> Campaign.read(write(dir, base("/nonexistent/x.vashishta"))));
        assertTrue(missing.getMessage().contains("potential.file"), missing.getMessage());
        assertThrows(CampaignException.class, () -> Campaign.read(write(dir, "{ not json")));
        assertThrows(CampaignException.class, () -> Campaign.read(dir.resolve("absent.json")));
    }

    @Test
    void aPotentialFileThatCannotBeUsedIsBadInputAtOnce(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.vashishta");
        Files.writeString(empty, "");
        Path folder = Files.createDirectories(dir.resolve("pots"));
        Path noTeTe = dir.resolve("noTeTe.vashishta");
        java.util.List<String> lines = Files.readAllLines(TestSystems.ag2tePotentialFile());
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().replaceAll("\\s+", " ").startsWith("Te Te Te")) {
                i++; // the entry and its continuation line
                continue;
            }
            kept.append(lines.get(i)).append('\n');
        }
        Files.writeString(noTeTe, kept);
        for (Object[] c : new Object[][] {{empty, "empty.vashishta"}, {folder, "is a directory"}, {noTeTe, "Te Te Te"}}) {
            CampaignException e = assertThrows(CampaignException.class,
                    () -> Campaign.read(write(dir, base(c[0].toString()))), c[0].toString());
            assertTrue(e.getMessage().contains("potential.file") && e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }

    /** A NEP campaign binds the cation and anion by element name; a model without Te is refused naming Te. */
    @Test
    void aNepModelWithoutTheCampaignsSpeciesIsRefusedByName(@TempDir Path dir) throws Exception {
        Path unep = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && unep == null; p = p.getParent()) {
            if (Files.exists(p.resolve("shared/nep/UNEP-v1.txt"))) unep = p.resolve("shared/nep/UNEP-v1.txt");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unep != null, "../shared/nep not found: skipping");
        String json = base(unep.toString()).replace("\"style\": \"vashishta\"", "\"style\": \"nep\"");
        CampaignException e = assertThrows(CampaignException.class, () -> Campaign.read(write(dir, json)));
        assertTrue(e.getMessage().contains("potential.file") && e.getMessage().contains("'Te' is not in the model"), e.getMessage());
    }
}
