package io.ionflow.simulate.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IngestExtxyzHeaderTest {

    @Test
    void commentLineKeyValuesWithQuotesFlagsAndBraces() {
        Map<String, String> kv = ExtxyzReader.parseComment(
                "Time=10.5 Lattice=\"1 0 0 0 2 0 0 0 3\" pbc=\"T T T\"  Properties=species:S:1:pos:R:3 "
                        + "note=\"say \\\"hi\\\"\" stress={1 2 3} is_relaxed");
        assertEquals("10.5", kv.get("time"));
        assertEquals("1 0 0 0 2 0 0 0 3", kv.get("lattice"));
        assertEquals("T T T", kv.get("pbc"));
        assertEquals("species:S:1:pos:R:3", kv.get("properties"));
        assertEquals("say \"hi\"", kv.get("note"));
        assertEquals("1 2 3", kv.get("stress"));
        assertEquals("T", kv.get("is_relaxed"));
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.parseComment("Lattice=\"1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.parseComment("a=1 A=2"));
    }

    @Test
    void propertiesSpecGivesColumnOffsets() {
        List<ExtxyzReader.Property> p = ExtxyzReader.parseProperties("species:S:1:mass:R:1:pos:R:3:vel:R:3:tag:I:1");
        assertEquals(5, p.size());
        assertEquals(new ExtxyzReader.Property("pos", 'R', 3, 2), p.get(2));
        assertEquals(new ExtxyzReader.Property("vel", 'R', 3, 5), p.get(3));
        assertEquals(new ExtxyzReader.Property("tag", 'I', 1, 8), p.get(4));
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.parseProperties("species:S:1:pos:R"));
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.parseProperties("species:S:1:pos:X:3"));
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.parseProperties("species:S:1:pos:R:zero"));
    }

    @Test
    void velocityUnits() {
        assertEquals(ExtxyzReader.VelocityUnit.ANGSTROM_PER_FS, ExtxyzReader.VelocityUnit.parse("A/fs"));
        assertEquals(ExtxyzReader.VelocityUnit.ANGSTROM_PER_PS, ExtxyzReader.VelocityUnit.parse("Å/ps"));
        assertEquals(1000.0, ExtxyzReader.VelocityUnit.parse("a/FS").toAngstromPerPs());
        assertThrows(IllegalArgumentException.class, () -> ExtxyzReader.VelocityUnit.parse("m/s"));
    }

    @Test
    void formulaReducesCounts() {
        java.util.LinkedHashMap<String, Integer> c = new java.util.LinkedHashMap<>();
        c.put("Ag", 64);
        c.put("Te", 32);
        assertEquals("Ag2Te", Ingest.formula(c));
        c.put("Te", 29);
        assertEquals("Ag64Te29", Ingest.formula(c));
        c.clear();
        c.put("Ag", 5);
        c.put("I", 5);
        assertEquals("AgI", Ingest.formula(c));
    }
}
