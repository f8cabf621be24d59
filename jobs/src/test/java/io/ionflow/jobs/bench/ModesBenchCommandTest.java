package io.ionflow.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.jobs.TestConf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench modes} on the 12-atom cell: one line per backend and mode, and the inertia line. */
class ModesBenchCommandTest {
    @Test
    void smallestCellPrintsEveryLine() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new ModesBenchCommand()).execute("--atoms", "12", "--reps", "1", "--no-numpy",
                    "--java-lapack", "--potential", TestConf.ag2tePotential().toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("load average"), out);
        assertTrue(out.contains("atoms=12 values+vectors ejml eigen"), out);
        assertTrue(out.contains("atoms=12 values lapack-java (F2jLAPACK) eigen"), out);
        assertTrue(out.contains("numpy not run"), out);
        assertTrue(out.contains("atoms=12 f_u by inertia"), out);
    }
}
