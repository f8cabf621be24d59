package io.ionflow.jobs.cli;

import io.ionflow.jobs.TestConf;
import io.ionflow.jobs.msd.JobTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ionflow evaluate} on bad input: each case is exit code 2 and one line naming the file, the line and the
 * problem, without a stack trace; --output does not appear (and a file already there is left as it was), and no
 * temporary file is left beside it. The intact input evaluates (exit 0), so each failure comes from its damage.
 */
class EvaluateBadInputTest {
    static final String GOOD = structure("Te", "Ag", "Ag");

    @TempDir
    Path dir;

    /** Three atoms in a 6.6 × 6.9 × 7.2 Å cell with the given species (14 lines). */
    static String structure(String... sp) {
        StringBuilder sb = new StringBuilder().append(sp.length)
                .append("\nenergy=-3.5 Lattice=\"6.6 0 0 0 6.9 0 0 0 7.2\" Properties=species:S:1:pos:R:3:force:R:3\n");
        for (int i = 0; i < sp.length; i++) {
            sb.append(sp[i]).append(' ').append(1.0 + 2 * i).append(' ').append(1.5 + 2 * i).append(' ').append(0.5 + 2.2 * i)
                    .append(" 0.1 0.2 0.3\n");
        }
        return sb.toString();
    }

    /** Exit 2, one line with {@code expected}, no stack trace, {@code output} absent or still {@code before}, no temp file. */
    static void assertRefused(JobTestSupport.Run r, Path output, String before, String expected) throws Exception {
        assertEquals(ExitCodes.BAD_INPUT, r.rc(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("ionflow evaluate:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + lines.get(0));
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.err());
        if (before == null) {
            assertFalse(Files.exists(output), "nothing written at --output");
        } else {
            assertEquals(before, Files.readString(output), "the earlier --output is untouched");
        }
        try (Stream<Path> s = Files.list(output.getParent())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".part")).toList(), "no temporary file left");
        }
    }

    private void refused(String name, String text, String potential, String expected) throws Exception {
        Path input = dir.resolve(name);
        Files.writeString(input, text);
        Path output = dir.resolve("out-" + name);
        String[] args = {"evaluate", "--potential", potential, "--input", input.toString(), "--output", output.toString()};
        assertRefused(cli(args), output, null, expected);
        Files.writeString(output, "earlier results\n");
        assertRefused(cli(args), output, "earlier results\n", expected);
    }

    private void refused(String name, String text, String expected) throws Exception {
        refused(name, text, TestConf.ag2tePotential().toString(), name + ": " + expected);
    }

    @Test
    void theIntactInputEvaluates() throws Exception {
        Path input = dir.resolve("good.xyz");
        Files.writeString(input, GOOD + GOOD);
        Path output = dir.resolve("good.out.xyz");
        Files.writeString(output, "earlier results\n");
        JobTestSupport.Run r = cli("evaluate", "--potential", TestConf.ag2tePotential().toString(), "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        assertEquals(2L, Files.readAllLines(output).stream().filter(l -> l.startsWith("energy=")
                && l.contains(" ref_energy=-3.5 virial=\"")).count(), "replaced when complete");
    }

    @Test
    void eachBadInputIsOneLineWithFileAndLine() throws Exception {
        String pot = TestConf.ag2tePotential().getFileName().toString();
        refused("species.xyz", GOOD + structure("Te", "Xx", "Ag"), "line 6, structure 1: new species [Xx]: the potential cannot be"
                + " bound to species [Te, Ag, Xx]: " + pot);
        refused("species0.xyz", structure("Xx", "Ag"), "line 1, structure 0: the potential cannot be bound to species [Xx, Ag]: " + pot);
        refused("lattice.xyz", GOOD.replace("Lattice=\"6.6 0 0 0 6.9 0 0 0 7.2\" ", ""), "line 2, structure 0: no Lattice");
        refused("nan.xyz", GOOD + GOOD.replace("Ag 3.0", "Ag 3.O"), "line 9, structure 1: pos x '3.O' is not a number");
        refused("energy.xyz", GOOD.replace("energy=-3.5", "energy=-3.5eV"), "line 2, structure 0: energy '-3.5eV' is not a number");
        refused("truncated.xyz", GOOD + GOOD.substring(0, GOOD.lastIndexOf("Ag")), "line 9, structure 1: the file ends after 2 of 3 atom lines");
        refused("short.xyz", GOOD.replace(" 0.1 0.2 0.3\nAg 5.0", " 0.1 0.2\nAg 5.0"), "line 4, structure 0: atom line has 6 values but"
                + " Properties describe 7 columns (short line)");
        refused("properties.xyz", GOOD.replace("species:S:1:pos:R:3", "pos:R:3:species:S:1"), "line 2, structure 0: Properties="
                + "pos:R:3:species:S:1:force:R:3: species:S:1 and pos:R:3 must be the first two columns");
        refused("count.xyz", GOOD + "three\n", "line 6, structure 1: expected the atom count");
        refused("empty.xyz", "\n\n", "no structure in the file");
    }

    @Test
    void aPotentialThatCannotBeReadIsNamed() throws Exception {
        Path broken = dir.resolve("broken.vashishta");
        Files.writeString(broken, "Ag Ag Ag 0.11 11 0.47 0.47 1e4 0 2.875 0 9.0 0 0 0 0 x\n");
        refused("good1.xyz", GOOD, broken.toString(), "good1.xyz: line 1, structure 0: the potential cannot be bound to species"
                + " [Te, Ag]: broken.vashishta: ");
        refused("good2.xyz", GOOD, dir.resolve("none.vashishta").toString(), "potential file " + dir.resolve("none.vashishta")
                + " does not exist or is not a file");
        refused("good3.xyz", GOOD, dir.resolve("model.unknownstyle").toString(), "unknown potential style 'unknownstyle'");
    }
}
