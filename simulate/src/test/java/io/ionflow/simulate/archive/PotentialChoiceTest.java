package io.ionflow.simulate.archive;

import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The potential a run is analysed with: its stored one, the given file for a run without one (ingested) or, with the
 * override, for a run whose stored one differs; every other case refused with the reason. Each refusal is checked
 * against a case that passes with one thing changed, so a rule that refuses everything (or nothing) fails.
 */
class PotentialChoiceTest {
    private static final List<String> AG_TE = List.of("Ag", "Te");

    @TempDir
    Path dir;

    private Archive archive() throws Exception {
        return Archive.at(dir.resolve("archive").toString());
    }

    private PotentialChoice.Given given(String text) throws Exception {
        Path f = dir.resolve("given.vashishta");
        Files.writeString(f, text);
        return PotentialChoice.read(f, null);
    }

    private static String ag2teText() throws Exception {
        return Files.readString(TestSystems.ag2tePotentialFile());
    }

    @Test
    void aStoredPotentialIsUsedAsItIs() throws Exception {
        Archive a = archive();
        String stored = PotentialStore.store(a, TestSystems.ag2te().toJson());
        PotentialChoice.Choice c = new PotentialChoice(a, null, false).choose(stored, "ionflow", AG_TE);
        assertFalse(c.given());
        assertEquals(stored, c.json());
        assertEquals(PotentialStore.sha256(Files.readAllBytes(TestSystems.ag2tePotentialFile())), c.sha256());
        assertEquals("Ag2Te.vashishta", c.file());

        PotentialChoice.Choice same = new PotentialChoice(a, given(ag2teText()), false).choose(stored, "ionflow", AG_TE);
        assertFalse(same.given(), "the same file given again: the stored one, nothing to override");
    }

    @Test
    void aRunWithoutPotentialNeedsTheGivenFile() throws Exception {
        Archive a = archive();
        PotentialChoice.Refused r = assertThrows(PotentialChoice.Refused.class,
                () -> new PotentialChoice(a, null, false).choose(null, "lammps-dump", AG_TE));
        assertTrue(r.getMessage().contains("unknown to IonFlow (source lammps-dump)") && r.getMessage().contains("--potential FILE"),
                r.getMessage());

        PotentialChoice pots = new PotentialChoice(a, given(ag2teText()), false);
        PotentialChoice.Choice c = pots.choose(null, "lammps-dump", AG_TE);
        assertTrue(c.given());
        assertEquals("given.vashishta", c.file());
        pots.storeIfUsed(true);
        Structure s = TestSystems.distortedAg2Te(2, 0.1, 0.2, 5);
        Potential back = PotentialStore.load(a, c.json(), AG_TE); // the task rebuilds it from the archive's copy
        assertEquals(PotentialStoreTest.energy(TestSystems.ag2te(), s), PotentialStoreTest.energy(back, s), 0.0);
    }

    @Test
    void aDifferentGivenFileNeedsTheOverride() throws Exception {
        Archive a = archive();
        String stored = PotentialStore.store(a, TestSystems.ag2te().toJson());
        PotentialChoice.Given other = given(ag2teText() + "\n# edited\n");
        PotentialChoice.Refused r = assertThrows(PotentialChoice.Refused.class,
                () -> new PotentialChoice(a, other, false).choose(stored, "ionflow", AG_TE));
        assertTrue(r.getMessage().contains("differs from --potential given.vashishta (sha256 " + other.sha256() + ")")
                && r.getMessage().contains("--override-potential"), r.getMessage());

        PotentialChoice.Choice c = new PotentialChoice(a, other, true).choose(stored, "ionflow", AG_TE);
        assertTrue(c.given());
        assertEquals(other.sha256(), c.sha256());
    }

    @Test
    void aPotentialThatCannotBeBoundToTheRunsSpeciesIsRefused() throws Exception {
        Archive a = archive();
        PotentialChoice pots = new PotentialChoice(a, given(ag2teText()), false);
        PotentialChoice.Refused r = assertThrows(PotentialChoice.Refused.class, () -> pots.choose(null, "extxyz", List.of("Ag", "Xx")));
        assertTrue(r.getMessage().startsWith("--potential given.vashishta") && r.getMessage().contains("Xx"), r.getMessage());

        String stored = PotentialStore.store(a, TestSystems.ag2te().toJson());
        Files.writeString(dir.resolve("archive/potentials/" + PotentialStore.parametersSha256(stored) + ".txt"), "damaged");
        PotentialChoice.Refused damaged = assertThrows(PotentialChoice.Refused.class,
                () -> new PotentialChoice(a, null, false).choose(stored, "ionflow", AG_TE));
        assertTrue(damaged.getMessage().startsWith("cannot rebuild its potential: ") && damaged.getMessage().contains("corrupt"),
                damaged.getMessage());
    }

    @Test
    void theGivenFileIsReadWithOneLinePerProblem() throws Exception {
        assertEquals("vashishta", given(ag2teText()).style());
        Path nep = dir.resolve("my-nep.txt");
        Files.writeString(nep, "nep3 1 Si\n");
        assertEquals("nep", PotentialChoice.read(nep, null).style(), "a name containing 'nep' is a NEP file");
        Path unknown = dir.resolve("pot.tersoff");
        Files.writeString(unknown, "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PotentialChoice.read(unknown, null)).getMessage()
                .contains("unknown style 'tersoff'"));
        assertEquals("vashishta", PotentialChoice.read(unknown, "vashishta").style(), "--style decides");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PotentialChoice.read(dir.resolve("none.vashishta"), null))
                .getMessage().endsWith("file not found"));
        Files.createDirectory(dir.resolve("d.vashishta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PotentialChoice.read(dir.resolve("d.vashishta"), null))
                .getMessage().contains("is a directory"));
    }
}
