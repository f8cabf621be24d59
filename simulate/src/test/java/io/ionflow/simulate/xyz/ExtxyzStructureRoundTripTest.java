package io.ionflow.simulate.xyz;

import io.ionflow.simulate.potential.Evaluation;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExtxyzStructureReader} and {@link ExtxyzStructureWriter}: a two-structure file with a triclinic
 * cell, quoted values (spaces, an escaped quote), a bare flag, extra keys and columns and keys in other
 * cases than GPUMD writes reads to the numbers written in the text, and writing then reading it again gives
 * the same keys, columns and numbers; {@link XyzResults#merge} puts given results under energy/virial/force
 * and the input's values under ref_*.
 */
class ExtxyzStructureRoundTripTest {

    static final String TEXT = """
            3
            Energy=-10.25 config_type="bulk sample 1" LATTICE="5.0 0.0 0.0 1.5 4.5 0.0 0.3 -0.2 6.1" Virial="1 2 3 2 5 6 3 6 9" \
            properties=species:S:1:pos:R:3:mass:R:1:forces:R:3:tag:I:1 note="say \\"hi\\"" is_relaxed pbc="T T T" stress="0 0 0 0 0 0 0 0 0"
            Ag 0.1 0.2 0.3 107.87 0.5 -0.25 1e-3 7
            Te  2.0   2.1 2.2 127.6 -1 0.125 0.0 8
            Ag 4.0 1.0 5.5 107.87 0.5 0.125 -0.001 9

            2
            Lattice="6 0 0 0 7 0 0 0 8" Properties=species:S:1:pos:R:3
            Te 1 1 1
            Te 3 3 3
            """;

    static List<XyzStructure> readAll(String name, String text) throws Exception {
        List<XyzStructure> out = new ArrayList<>();
        try (ExtxyzStructureReader r = new ExtxyzStructureReader(name, new StringReader(text))) {
            XyzStructure s;
            while ((s = r.next()) != null) out.add(s);
        }
        return out;
    }

    static String writeAll(List<XyzStructure> structures) throws Exception {
        StringWriter sw = new StringWriter();
        try (ExtxyzStructureWriter w = new ExtxyzStructureWriter(sw)) {
            for (XyzStructure s : structures) w.write(s);
        }
        return sw.toString();
    }

    @Test
    void readsTheNumbersAndKeysAsWritten() throws Exception {
        List<XyzStructure> all = readAll("t.xyz", TEXT);
        assertEquals(2, all.size());
        XyzStructure a = all.get(0);
        assertEquals(0, a.index());
        assertEquals(1, a.line());
        assertArrayEquals(new double[] {5.0, 0.0, 0.0, 1.5, 4.5, 0.0, 0.3, -0.2, 6.1}, a.cell());
        assertEquals(-10.25, a.energy());
        assertArrayEquals(new double[] {1, 2, 3, 2, 5, 6, 3, 6, 9}, a.virial());
        assertArrayEquals(new String[] {"Ag", "Te", "Ag"}, a.species());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 2.0, 2.1, 2.2, 4.0, 1.0, 5.5}, a.positions());
        assertArrayEquals(new double[] {0.5, -0.25, 1e-3, -1, 0.125, 0.0, 0.5, 0.125, -0.001}, a.forces());
        assertEquals("bulk sample 1", a.value("config_type"));
        assertEquals("say \"hi\"", a.value("note"));
        assertNull(a.value("is_relaxed"));
        assertEquals("Energy", a.keys().get(0).name(), "key spelling kept");
        assertEquals(List.of("Energy", "config_type", "LATTICE", "Virial", "properties", "note", "is_relaxed", "pbc", "stress"),
                a.keys().stream().map(XyzStructure.Key::name).toList());
        assertArrayEquals(new String[] {"Te", "2.0", "2.1", "2.2", "127.6", "-1", "0.125", "0.0", "8"}, a.atoms()[1]);

        XyzStructure b = all.get(1);
        assertEquals(1, b.index());
        assertEquals(7, b.line(), "the blank line between structures is skipped and counted");
        assertTrue(Double.isNaN(b.energy()));
        assertNull(b.virial());
        assertNull(b.forces());
    }

    @Test
    void writingAndReadingAgainGivesTheSameStructures() throws Exception {
        List<XyzStructure> first = readAll("t.xyz", TEXT);
        String text = writeAll(first);
        List<XyzStructure> second = readAll("t2.xyz", text);
        assertEquals(first.size(), second.size());
        for (int k = 0; k < first.size(); k++) {
            XyzStructure a = first.get(k), b = second.get(k);
            assertEquals(a.keys(), b.keys());
            assertEquals(a.properties(), b.properties());
            assertEquals(a.atomCount(), b.atomCount());
            for (int i = 0; i < a.atomCount(); i++) assertArrayEquals(a.atoms()[i], b.atoms()[i]);
            assertArrayEquals(a.cell(), b.cell());
            assertArrayEquals(a.positions(), b.positions());
            assertEquals(a.energy(), b.energy());
            assertArrayEquals(a.virial(), b.virial());
            assertArrayEquals(a.forces(), b.forces());
        }
        assertTrue(text.contains("config_type=\"bulk sample 1\""), text);
        assertTrue(text.contains("note=\"say \\\"hi\\\"\""), text);
        assertTrue(text.contains(" is_relaxed "), text);
    }

    @Test
    void mergePutsResultsUnderEnergyVirialForceAndTheInputUnderRef() throws Exception {
        XyzStructure in = readAll("t.xyz", TEXT).get(0);
        double[] f = {0.1, 0.2, 0.3, -0.4, -0.5, -0.6, 0.7, 0.8, 0.9e-7};
        double[] w = {11, 12, 13, 14, 15, 16, 17, 18, 19.123456789012345};
        Evaluation e = new Evaluation(-10.0 / 3.0, f, w);
        XyzStructure out = readAll("o.xyz", writeAll(List.of(XyzResults.merge(in, e)))).get(0);

        assertEquals(-10.0 / 3.0, out.energy(), "IonFlow's energy, read back exactly");
        assertArrayEquals(w, out.virial());
        assertArrayEquals(f, out.forces());
        assertEquals("-10.25", out.value("ref_energy"));
        assertEquals("1 2 3 2 5 6 3 6 9", out.value("ref_virial"));
        assertEquals("0 0 0 0 0 0 0 0 0", out.value("stress"), "stress carried as is");
        assertEquals(List.of("energy", "ref_energy", "config_type", "LATTICE", "virial", "ref_virial", "properties", "note",
                "is_relaxed", "pbc", "stress"), out.keys().stream().map(XyzStructure.Key::name).toList());
        assertEquals("species:S:1:pos:R:3:mass:R:1:force:R:3:ref_force:R:3:tag:I:1", out.propertiesSpec());
        assertArrayEquals(in.cell(), out.cell());
        assertArrayEquals(in.positions(), out.positions());
        for (int i = 0; i < 3; i++) {
            String[] a = in.atoms()[i], b = out.atoms()[i];
            assertArrayEquals(new String[] {a[0], a[1], a[2], a[3], a[4]}, new String[] {b[0], b[1], b[2], b[3], b[4]});
            assertArrayEquals(new String[] {a[5], a[6], a[7]}, new String[] {b[8], b[9], b[10]}, "ref_force = the input's forces");
            assertEquals(a[8], b[11], "tag carried");
        }

        XyzStructure bare = readAll("t.xyz", TEXT).get(1);
        XyzStructure ob = readAll("o.xyz", writeAll(List.of(XyzResults.merge(bare,
                new Evaluation(-1.5, new double[] {1, 2, 3, 4, 5, 6}, new double[9]))))).get(0);
        assertEquals(List.of("energy", "virial", "Lattice", "Properties"), ob.keys().stream().map(XyzStructure.Key::name).toList());
        assertEquals("species:S:1:pos:R:3:force:R:3", ob.propertiesSpec());
        assertNull(ob.value("ref_energy"));
        assertEquals(-1.5, ob.energy());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ob.forces());
    }

    @Test
    void anEarlierOutputEvaluatedAgainKeepsOneRefPerQuantity() throws Exception {
        XyzStructure in = readAll("t.xyz", TEXT).get(0);
        Evaluation e1 = new Evaluation(-1, new double[9], new double[9]);
        Evaluation e2 = new Evaluation(-2, new double[9], new double[9]);
        XyzStructure once = readAll("o.xyz", writeAll(List.of(XyzResults.merge(in, e1)))).get(0);
        XyzStructure twice = readAll("o2.xyz", writeAll(List.of(XyzResults.merge(once, e2)))).get(0);
        assertEquals(-2.0, twice.energy());
        assertEquals("-1.0", twice.value("ref_energy"));
        assertEquals(1, twice.keys().stream().filter(k -> k.name().equals("ref_energy")).count());
        assertEquals("species:S:1:pos:R:3:mass:R:1:force:R:3:ref_force:R:3:tag:I:1", twice.propertiesSpec());
    }
}
