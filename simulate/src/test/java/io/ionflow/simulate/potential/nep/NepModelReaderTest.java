package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.potential.PotentialStyles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unsupported variants and damaged files are refused with one line naming the file and line. */
class NepModelReaderTest {

    private static String replaceLine(String text, int line, String with) {
        String[] l = text.split("\n", -1);
        l[line - 1] = with;
        return String.join("\n", l);
    }

    private static String refused(String text, List<String> species) {
        PotentialException e = assertThrows(PotentialException.class, () -> Nep.parse(text, "nep.txt", species));
        assertTrue(e.getMessage().startsWith("nep.txt"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void otherModelVariantsAreRefusedNamingTheHeaderLine() throws Exception {
        String si = SharedNep.model("Si_2022_NEP4_3body.txt");
        for (String kind : new String[] {"nep4_dipole", "nep4_polarizability", "nep4_charge", "nep4_temperature", "nep5", "nep"}) {
            String m = refused(replaceLine(si, 1, kind + " 1 Si"), List.of("Si"));
            assertTrue(m.contains("line 1") && m.contains(kind), m);
        }
    }

    @Test
    void flexibleZblAndHigherOrdersAreRefused() throws Exception {
        String u = SharedNep.model("UNEP-v1.txt");
        assertTrue(refused(replaceLine(u, 2, "zbl 0 0"), List.of("Ag")).contains("flexible ZBL"));
        assertTrue(refused(replaceLine(u, 6, "l_max 6 2 1"), List.of("Ag")).contains("l_max 6"));
        assertTrue(refused(replaceLine(u, 7, "ANN 80 10"), List.of("Ag")).contains("one hidden layer"));
    }

    @Test
    void truncatedOrDamagedParametersAreRefused() throws Exception {
        String si = SharedNep.model("Si_2022_NEP4_3body.txt");
        String cut = si.substring(0, si.length() / 2);
        assertTrue(refused(cut.substring(0, cut.lastIndexOf('\n')), List.of("Si")).contains("truncated"));
        String m = refused(replaceLine(si, 100, "  1.2e-3x"), List.of("Si"));
        assertTrue(m.contains("line 100") && m.contains("1.2e-3x"), m);
        assertTrue(refused(si + "\n 0.5\n", List.of("Si")).contains("more parameters"));
    }

    @Test
    void aSpeciesTheModelLacksIsRefusedByName() throws Exception {
        String m = refused(SharedNep.model("MoWSe_NEP3.txt"), List.of("Mo", "Te"));
        assertTrue(m.contains("'Te'") && m.contains("Mo W Se"), m);
    }

    @Test
    void theStyleIsRegisteredAndBindsASubsetInAnyOrder() throws Exception {
        assertTrue(PotentialStyles.all().containsKey("nep"));
        Nep n = (Nep) PotentialStyles.style("nep").parse(SharedNep.model("MoWSe_NEP3.txt"), "MoWSe_NEP3.txt", List.of("Se", "Mo"));
        assertEquals(List.of("Se", "Mo"), n.species());
        assertEquals("nep3", n.variant());
        assertEquals(5.0, n.cutoff(), 0);
    }

    @Test
    void typewiseCutoffsArePairAverages() throws Exception {
        String text = replaceLine(SharedNep.model("MoWSe_NEP3.txt"), 2, "cutoff 5 4 4.5 3.5 5 5 20 20");
        NepModel m = NepModelReader.read(text, "typewise.txt");
        assertEquals(4.75, m.rcRadial[0 * 3 + 1], 1e-15); // Mo–W: (5 + 4.5)/2
        assertEquals(3.75, m.rcAngular[1 * 3 + 0], 1e-15);
        assertEquals(5.0, m.rcRadial[2 * 3 + 2], 1e-15);
    }
}
