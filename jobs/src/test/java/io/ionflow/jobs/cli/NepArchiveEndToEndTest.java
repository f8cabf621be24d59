package io.ionflow.jobs.cli;

import io.ionflow.analyze.inm.InmAnalysis;
import io.ionflow.analyze.inm.InmSnapshot;
import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Elements;
import io.ionflow.simulate.structure.Structure;
import io.ionflow.simulate.xyz.ExtxyzStructureReader;
import io.ionflow.simulate.xyz.XyzStructure;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a user with a GPUMD NEP archive takes: a short NEP MD of 64-atom silicon (the public Si NEP4
 * model in ../shared/nep) written as a GPUMD-style extxyz trajectory (Time= in fs, wrapped positions,
 * velocities in Å/fs), then ingest → msd → modes --potential → fit → report; f_u lies in (0, 1) and
 * equals an in-process INM analysis of the same snapshots.
 */
class NepArchiveEndToEndTest {
    private static final int EVERY = 50;

    static Path sharedNep() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("nep");
            if (Files.isDirectory(c)) return c;
        }
        Assumptions.assumeTrue(false, "../shared/nep not found: skipping the NEP end-to-end test");
        return null;
    }

    @Test
    void gpumdStyleNepTrajectoryThroughTheWholePipeline(@TempDir Path dir) throws Exception {
        Path nep = sharedNep();
        Path model = nep.resolve("Si_2022_NEP4_3body.txt");
        XyzStructure start;
        try (ExtxyzStructureReader r = ExtxyzStructureReader.open(nep.resolve("Si.reference.xyz"))) {
            start = r.next();
        }
        Potential pot = PotentialStyles.load("nep", model, List.of("Si"));
        SharedSpark.session();
        String archive = dir.resolve("archive").toString();
        int[] kelvin = {3500, 4500}; // liquid silicon: the runs diffuse, so msd and fit have numbers to report
        List<List<double[]>> frames = new ArrayList<>();
        for (int k = 0; k < kelvin.length; k++) {
            Path xyz = dir.resolve("dump" + k + ".xyz");
            frames.add(simulate(start, pot, xyz, 2 * kelvin[k], 7 + k));
            assertEquals(0, Main.execute("ingest", "--format", "extxyz", "--input", xyz.toString(), "--archive", archive,
                    "--run-id", "si_nep_" + kelvin[k], "--temperature-k", String.valueOf(kelvin[k])));
        }
        assertEquals(0, Main.execute("msd", "--archive", archive));
        assertEquals(0, Main.execute("modes", "--archive", archive, "--potential", model.toString(), "--style", "nep",
                "--every", String.valueOf(EVERY), "--max-snapshots", "2", "--lag-ps", "0.2"));
        List<String> csv = Files.readAllLines(dir.resolve("archive/report/modes.csv"));
        assertEquals(1 + kelvin.length, csv.size(), csv.toString());
        for (int k = 0; k < kelvin.length; k++) {
            String row = csv.stream().filter(l -> l.startsWith("si_nep_")).toList().get(k);
            int run = row.startsWith("si_nep_" + kelvin[0]) ? 0 : 1;
            double fu = Double.parseDouble(row.split(",")[3]);
            assertTrue(fu > 0 && fu < 1, "f_u must lie in (0, 1): " + row);
            double expected = 0;
            for (int q = 0; q < 2; q++) {
                Structure s = snapshot(start, frames.get(run).get(q * EVERY));
                InmSnapshot inm = InmAnalysis.analyze(s, pot, InmAnalysis.Options.defaults());
                expected += inm.fu() / 2;
            }
            // report/modes.csv prints 8 significant digits; f_u is a count over 3N − 3 = 189 modes
            assertEquals(expected, fu, 5e-8, "modes on the archive vs in-process INM of the same snapshots: " + row);
        }

        assertEquals(0, Main.execute("fit", "--archive", archive));
        assertEquals(0, Main.execute("report", "--archive", archive));
        String html = Files.readString(dir.resolve("archive/report/index.html"));
        assertTrue(html.contains("Do anion vacancies raise D_Si and f_u at 500 K?"), "the question is about silicon");
        assertTrue(html.contains("no temperature has D of Si both at vacancy fraction 0 and at a vacancy fraction &gt; 0"),
                "no vacancy runs here");
        assertFalse(html.contains("D_Ag") || html.contains("Ag2Te"), "nothing of α-Ag2Te in a silicon report");
    }

    /**
     * A Maxwell–Boltzmann start at {@code startK} (about half goes into the potential energy), 500 NVE steps
     * to melt and equilibrate, then 2 ps at 1 fs with a frame every 10 fs; returns the written positions.
     */
    private static List<double[]> simulate(XyzStructure start, Potential pot, Path out, double startK, long seed) throws Exception {
        int n = start.atomCount();
        Structure s = snapshot(start, start.positions());
        Thermo.maxwellBoltzmann(s, startK, RandomSource.XO_SHI_RO_256_PP.create(seed));
        List<double[]> frames = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        try (Parallel par = new Parallel(2)) {
            MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, par);
            md.run(500);
            for (int frame = 0; frame <= 200; frame++) {
                if (frame > 0) md.run(10);
                double[] w = wrapped(s.positions(), start.cell());
                frames.add(w);
                sb.append(n).append('\n').append(String.format(Locale.ROOT,
                        "Time=%.1f Lattice=\"%s\" Properties=species:S:1:pos:R:3:vel:R:3 pbc=\"T T T\"%n", 10.0 * frame,
                        join(start.cell())));
                for (int i = 0; i < n; i++) {
                    sb.append("Si");
                    for (int d = 0; d < 3; d++) sb.append(' ').append(w[3 * i + d]);
                    for (int d = 0; d < 3; d++) sb.append(' ').append(s.velocities()[3 * i + d] * 1e-3); // Å/ps → Å/fs
                    sb.append('\n');
                }
            }
        }
        Files.writeString(out, sb.toString());
        return frames;
    }

    private static double[] wrapped(double[] x, double[] cell) {
        double[] w = x.clone();
        for (int i = 0; i < w.length; i++) {
            double l = cell[4 * (i % 3)];
            w[i] -= Math.floor(w[i] / l) * l;
        }
        return w;
    }

    private static Structure snapshot(XyzStructure start, double[] positions) {
        return new Structure(new String[] {"Si"}, new double[] {Elements.mass("Si")}, new int[start.atomCount()],
                positions, null, Box.fromMatrix(start.cell()));
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) b.append(b.length() == 0 ? "" : " ").append(d);
        return b.toString();
    }
}
