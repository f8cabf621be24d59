package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.simple.RandomSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small deterministic trajectories and run rows for archive tests. */
final class ArchiveFixtures {
    private ArchiveFixtures() {}

    /** α-Ag2Te conventional cell(s): 12 atoms per cell, Ag first then Te. */
    static Structure ag2te(int cells) {
        return Antifluorite.build("Ag", "Te", cells, 6.6, 0.0, false,
                RandomSource.XO_RO_SHI_RO_128_PP.create(7L)).structure();
    }

    /** Unwrapped positions of {@code frame}: lattice sites plus a drift that leaves the box. Å. */
    static double[] positions(Structure s, int frame) {
        double[] p = s.positions().clone();
        for (int k = 0; k < p.length; k++) p[k] += 0.0137 * frame * ((k % 7) - 3) + 1e-3 * k;
        return p;
    }

    /** Velocities of {@code frame}, Å/ps. */
    static double[] velocities(Structure s, int frame) {
        double[] v = new double[3 * s.size()];
        for (int k = 0; k < v.length; k++) v[k] = Math.sin(0.1 * frame + 0.37 * k) * 5.0;
        return v;
    }

    static RunInfo run(String runId, Structure s, int nFrames, String source) {
        return new RunInfo(runId, "Ag2Te", 500.0, 0.1, 2, s.size(), 1.0, 0.05, nFrames, s.box().toMatrix(),
                s.speciesNames(), s.speciesMasses(), "{\"style\":\"vashishta\",\"file\":\"Ag2Te.vashishta\"}",
                123456789012345L, source);
    }

    /** Every file name under a local directory, relative, sorted (hidden files included). */
    static List<String> listFiles(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }
}
