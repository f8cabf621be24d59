package io.ionflow.simulate.xyz;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each malformed input is an {@link XyzFormatException} naming the file, the line and the problem. */
class ExtxyzStructureErrorsTest {

    static final String GOOD = "2\nLattice=\"6 0 0 0 7 0 0 0 8\" Properties=species:S:1:pos:R:3:force:R:3\n"
            + "Ag 1 1 1 0.1 0.2 0.3\nTe 3 3 3 -0.1 -0.2 -0.3\n";

    static XyzFormatException fail(String text) {
        return assertThrows(XyzFormatException.class, () -> {
            try (ExtxyzStructureReader r = new ExtxyzStructureReader("bad.xyz", new StringReader(text))) {
                while (r.next() != null) {
                    // read everything
                }
            }
        });
    }

    static void check(String text, long line, String problem) {
        XyzFormatException e = fail(text);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.xyz: line " + line + ", structure "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void theGoodFileReads() throws Exception {
        try (ExtxyzStructureReader r = new ExtxyzStructureReader("good.xyz", new StringReader(GOOD + GOOD))) {
            assertEquals(0, r.next().index());
            assertEquals(5, r.next().line());
            assertEquals(null, r.next());
        }
    }

    @Test
    void eachProblemNamesItsLine() {
        check(GOOD + GOOD.replace("Lattice=\"6 0 0 0 7 0 0 0 8\" ", ""), 6, "no Lattice");
        check(GOOD.replace("Lattice=\"6 0 0 0 7 0 0 0 8\"", "Lattice=\"6 0 0 0 7 0 0 0\""), 2, "Lattice must have 9 numbers, got 8");
        check(GOOD.replace("Te 3 3 3", "Te 3 x3 3"), 4, "pos y 'x3' is not a number");
        check(GOOD.replace("0.1 0.2 0.3", "0.1 0.2 nan"), 3, "force z 'nan' is not a number");
        check(GOOD + GOOD.substring(0, GOOD.lastIndexOf("Te")), 7, "the file ends after 1 of 2 atom lines");
        check(GOOD.replace("Te 3 3 3 -0.1 -0.2 -0.3", "Te 3 3 3 -0.1 -0.2"), 4, "atom line has 6 values but Properties describe 7 columns");
        check(GOOD.replace("species:S:1:pos:R:3:force", "pos:R:3:species:S:1:force"), 2, "species:S:1 and pos:R:3 must be the first two columns");
        check(GOOD.replace(":force:R:3", ":force:R:2"), 2, "the force column must be force:R:3");
        check(GOOD.replace("Lattice", "energy=-1.0x Lattice"), 2, "energy '-1.0x' is not a number");
        check(GOOD.replace("Lattice", "Energy=1 energy=2 Lattice"), 2, "key energy appears twice");
        check(GOOD.replace("Lattice", "virial=\"1 2 3\" Lattice"), 2, "virial must have 9 numbers, got 3");
        check(GOOD.replace("\"6 0 0 0 7 0 0 0 8\"", "\"6 0 0 0 7 0 0 0 8"), 2, "unterminated quote");
        check(GOOD + "two\n", 5, "expected the atom count");
        check(GOOD + "3\n", 5, "the file ends after the atom count");
    }
}
