package io.ionflow.simulate;

import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared fixtures: the shipped Ag2Te potential and antifluorite cells. */
public final class TestSystems {
    private TestSystems() {}

    /** The repository's conf/ directory (tests run with the module as working directory). */
    public static Path conf() {
        Path p = Path.of("..", "conf").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) p = Path.of("conf").toAbsolutePath();
        return p;
    }

    public static Path ag2tePotentialFile() {
        String override = System.getProperty("ionflow.test.potential");
        return override != null ? Path.of(override) : conf().resolve("potentials/Ag2Te.vashishta");
    }

    public static Potential ag2te() {
        return PotentialStyles.load("vashishta", ag2tePotentialFile(), List.of("Ag", "Te"));
    }

    public static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** An n×n×n α-Ag2Te cell at a = 6.57 Å with every coordinate displaced uniformly by up to ±amp Å. */
    public static Structure distortedAg2Te(int n, double vacancyFraction, double amp, long seed) {
        UniformRandomProvider rng = rng(seed);
        Structure s = Antifluorite.build("Ag", "Te", n, 6.57, vacancyFraction, false, rng).structure();
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) x[k] += amp * (2 * rng.nextDouble() - 1);
        return s;
    }
}
