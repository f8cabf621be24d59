package io.ionflow.jobs.cli;

import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.potential.PotentialStyles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ionflow evaluate} of the silicon NEP4 model on its reference structures (energies and forces from an
 * independent double-precision NEP implementation, shared/nep/Si.reference.xyz): the RMSE must be at round-off
 * level. Runs only when a style "nep" is registered and the files are found (IONFLOW_SHARED, ../shared or
 * ../../shared from the working directory); the style is inferred from the file name.
 */
class EvaluateNepReferenceTest {
    @TempDir
    Path dir;

    static Path sharedNep() {
        String env = System.getenv("IONFLOW_SHARED");
        Path[] candidates = {env == null ? null : Path.of(env, "nep"), env == null ? null : Path.of(env),
                Path.of("..", "shared", "nep"), Path.of("..", "..", "shared", "nep")};
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p.resolve("Si.reference.xyz"))) return p.toAbsolutePath().normalize();
        }
        return null;
    }

    @Test
    void siliconReferenceAgreesToRoundOff() throws Exception {
        Assumptions.assumeTrue(PotentialStyles.all().containsKey("nep"),
                "no potential style 'nep' is registered (ServiceLoader); the NEP evaluator is not in this build");
        Path nep = sharedNep();
        Assumptions.assumeTrue(nep != null && Files.isRegularFile(nep.resolve("Si_2022_NEP4_3body.txt")),
                "shared/nep/Si.reference.xyz and Si_2022_NEP4_3body.txt not found (set IONFLOW_SHARED)");
        Path output = dir.resolve("si.out.xyz");
        JobTestSupport.Run r = cli("evaluate", "--potential", nep.resolve("Si_2022_NEP4_3body.txt").toString(),
                "--input", nep.resolve("Si.reference.xyz").toString(), "--output", output.toString(), "--threads", "2");
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("style nep"), r.out());
        Matcher m = EvaluateCommandTest.TOTAL.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-4, "energy RMSE " + m.group(1) + " meV/atom");
        assertTrue(Double.parseDouble(m.group(3)) < 1e-3, "force RMSE " + m.group(3) + " meV/Å");
        assertTrue(Files.isRegularFile(output));
    }
}
