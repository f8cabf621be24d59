package io.ionflow.simulate.archive;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter files stored once per archive by SHA-256: the compact JSON loads back to the same energies, a file
 * stored twice is one file, a damaged file is refused naming its hash, and old inline JSON still loads.
 */
class PotentialStoreTest {

    static double energy(Potential p, Structure s) {
        try (Parallel par = new Parallel(1)) {
            return p.evaluate(s.box().toMatrix(), s.types(), s.positions().clone(), par).energy();
        }
    }

    @Test
    void compactJsonLoadsBackTheSamePotential(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        Potential original = TestSystems.ag2te();
        String compact = PotentialStore.store(a, original.toJson());
        String sha = PotentialStore.sha256(Files.readAllBytes(TestSystems.ag2tePotentialFile()));
        assertTrue(compact.length() < 1024, compact);
        assertFalse(compact.contains("parameters"), compact);
        assertTrue(compact.contains("\"style\":\"vashishta\"") && compact.contains("\"sha256\":\"" + sha + "\""), compact);
        assertEquals(sha, PotentialStore.parametersSha256(compact));
        assertEquals(sha, PotentialStore.parametersSha256(original.toJson()), "inline and compact name the same hash");
        assertEquals(List.of(sha + ".txt"), list(dir.resolve("a/potentials")));

        assertEquals(compact, PotentialStore.store(a, original.toJson()), "storing again changes nothing");
        assertEquals(List.of(sha + ".txt"), list(dir.resolve("a/potentials")));

        Structure s = TestSystems.distortedAg2Te(2, 0.1, 0.2, 3);
        Potential back = PotentialStore.load(a, compact, List.of("Ag", "Te"));
        assertEquals(energy(original, s), energy(back, s), 0.0);
        assertEquals(original.toJson(), back.toJson(), "the rebuilt potential is the original (same fingerprint)");
    }

    @Test
    void oldInlineJsonStillLoads(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        Potential original = TestSystems.ag2te();
        Potential back = PotentialStore.load(a, original.toJson(), List.of("Ag", "Te"));
        Structure s = TestSystems.distortedAg2Te(2, 0.0, 0.2, 5);
        assertEquals(energy(original, s), energy(back, s), 0.0);
        assertFalse(Files.exists(dir.resolve("a/potentials")), "reading never writes");
        assertNull(PotentialStore.store(a, null));
        assertEquals("{\"style\":\"synthetic\"}", PotentialStore.store(a, "{\"style\":\"synthetic\"}"));
    }

    @Test
    void damagedOrMissingFileIsRefusedNamingTheHash(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        String compact = PotentialStore.store(a, TestSystems.ag2te().toJson());
        String sha = PotentialStore.parametersSha256(compact);
        Path stored = dir.resolve("a/potentials/" + sha + ".txt");
        byte[] b = Files.readAllBytes(stored);
        b[b.length / 2] ^= 0x01; // one bit changed: still a parseable file, but not the one the runs were made with
        Files.write(stored, b);
        PotentialException e = assertThrows(PotentialException.class,
                () -> PotentialStore.load(a, compact, List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains(sha) && e.getMessage().contains("corrupt")
                && e.getMessage().contains(stored.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");

        PotentialStore.store(a, TestSystems.ag2te().toJson()); // storing again repairs it
        PotentialStore.load(a, compact, List.of("Ag", "Te"));

        Files.delete(stored);
        e = assertThrows(PotentialException.class, () -> PotentialStore.load(a, compact, List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains(sha) && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void nepModelIsStoredOnceAndLoadsBack(@TempDir Path dir) throws Exception {
        Path nep = Path.of("..", "..", "shared", "nep", "Si_2022_NEP4_3body.txt");
        Assumptions.assumeTrue(Files.isRegularFile(nep), "../shared/nep not found; skipping the NEP case");
        Archive a = Archive.at(dir.resolve("a").toString());
        Potential original = PotentialStyles.load("nep", nep, List.of("Si"));
        String compact = PotentialStore.store(a, original.toJson());
        assertTrue(compact.length() < 1024 && compact.contains("\"style\":\"nep\""), compact);
        String sha = PotentialStore.sha256(Files.readString(nep).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(sha + ".txt"), list(dir.resolve("a/potentials")));
        Potential back = PotentialStore.load(a, compact, List.of("Si"));
        double[] cell = {10.86, 0, 0, 0, 10.86, 0, 0, 0, 10.86};
        double[] x = new double[3 * 8];
        for (int i = 0; i < 8; i++) for (int d = 0; d < 3; d++) x[3 * i + d] = 1.3 * ((i >> d) & 1) * 2.7 + 0.11 * i + 0.05 * d;
        try (Parallel par = new Parallel(1)) {
            assertEquals(original.evaluate(cell, new int[8], x.clone(), par).energy(),
                    back.evaluate(cell, new int[8], x.clone(), par).energy(), 0.0);
        }
    }

    static List<String> list(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
