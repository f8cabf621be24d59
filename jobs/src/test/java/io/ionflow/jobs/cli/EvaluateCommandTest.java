package io.ionflow.jobs.cli;

import io.ionflow.jobs.TestConf;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Evaluation;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.xyz.ExtxyzStructureReader;
import io.ionflow.simulate.xyz.XyzStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ionflow evaluate} with the shipped Ag2Te Vashishta potential on a perturbed orthorhombic Ag8Te4 cell:
 * the energies, forces and virials written equal {@link io.ionflow.simulate.potential.Potential#evaluate}
 * called directly, the forces equal central differences of the written energies and the virial's diagonal
 * equals −∂E/∂ε of the written energies under a uniaxial strain (independent truths); a reference offset
 * by a known amount gives the RMSE worked out by hand; references are carried as ref_*.
 */
class EvaluateCommandTest {
    static final double[] CELL = {6.6, 0, 0, 0, 6.9, 0, 0, 0, 7.2};
    static final Pattern TOTAL = Pattern.compile("RMSE energy (\\S+) meV/atom \\((\\d+) structures\\), force (\\S+) meV/Å"
            + " \\((\\d+) components\\), virial (\\S+) meV/atom");

    @TempDir
    Path dir;

    /** Te on an fcc lattice and Ag in its tetrahedral holes (antifluorite Ag8Te4), displaced by up to 0.2 Å. */
    static double[] positions(String[] species) {
        Random rng = new Random(7);
        double[][] fcc = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        double[] x = new double[3 * species.length];
        for (int i = 0; i < species.length; i++) {
            boolean te = i < 4;
            species[i] = te ? "Te" : "Ag";
            for (int d = 0; d < 3; d++) {
                double frac = te ? fcc[i][d] : 0.25 + 0.5 * (((i - 4) >> d) & 1);
                x[3 * i + d] = frac * CELL[4 * d] + 0.4 * (rng.nextDouble() - 0.5);
            }
        }
        return x;
    }

    /** One structure as extended XYZ; {@code forces} null for none. */
    static String structure(String[] sp, double[] cell, double[] x, String keys, double[] forces) {
        StringBuilder sb = new StringBuilder().append(sp.length).append('\n');
        sb.append(keys).append(keys.isEmpty() ? "" : " ").append("Lattice=\"").append(XyzStructure.numbers(cell))
                .append("\" pbc=\"T T T\" Properties=species:S:1:pos:R:3").append(forces == null ? "" : ":force:R:3").append('\n');
        for (int i = 0; i < sp.length; i++) {
            sb.append(sp[i]);
            for (int d = 0; d < 3; d++) sb.append(' ').append(x[3 * i + d]);
            if (forces != null) for (int d = 0; d < 3; d++) sb.append(' ').append(forces[3 * i + d]);
            sb.append('\n');
        }
        return sb.toString();
    }

    static List<XyzStructure> read(Path file) throws Exception {
        List<XyzStructure> out = new ArrayList<>();
        try (ExtxyzStructureReader r = ExtxyzStructureReader.open(file)) {
            XyzStructure s;
            while ((s = r.next()) != null) out.add(s);
        }
        return out;
    }

    @Test
    void writesWhatPotentialEvaluateGivesAndForcesAreMinusTheEnergyGradient() throws Exception {
        String[] sp = new String[12];
        double[] x0 = positions(sp);
        double h = 1e-4;
        StringBuilder in = new StringBuilder(structure(sp, CELL, x0, "", null));
        for (int k = 0; k < x0.length; k++) {
            for (int sign : new int[] {1, -1}) {
                double[] x = x0.clone();
                x[k] += sign * h;
                in.append(structure(sp, CELL, x, "", null));
            }
        }
        for (int a = 0; a < 3; a++) { // uniaxial strain along a: cell row a and the a-coordinates scaled by 1 ± h
            for (int sign : new int[] {1, -1}) {
                double[] cell = CELL.clone();
                double[] x = x0.clone();
                cell[4 * a] *= 1 + sign * h;
                for (int i = 0; i < sp.length; i++) x[3 * i + a] *= 1 + sign * h;
                in.append(structure(sp, cell, x, "", null));
            }
        }
        Path input = dir.resolve("in.xyz");
        Files.writeString(input, in);
        Path output = dir.resolve("out.xyz");
        JobTestSupport.Run r = cli("evaluate", "--potential", TestConf.ag2tePotential().toString(), "--input", input.toString(),
                "--output", output.toString(), "--threads", "2");
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("evaluate: 79 structures, 948 atoms, style vashishta"), r.out());
        List<XyzStructure> out = read(output);
        assertEquals(1 + 2 * 36 + 6, out.size());

        Evaluation direct = PotentialStyles.load("vashishta", TestConf.ag2tePotential(), List.of("Te", "Ag"))
                .evaluate(CELL, types(sp, "Te", "Ag"), x0, Parallel.serial());
        XyzStructure s0 = out.get(0);
        assertEquals(direct.energy(), s0.energy(), "bit for bit: same code, numbers written exactly, any thread count");
        assertArrayEquals(direct.forces(), s0.forces());
        assertArrayEquals(direct.virial(), s0.virial());
        assertEquals(null, s0.value("ref_energy"), "no reference in the input, none invented");

        double fmax = 0;
        for (double f : s0.forces()) fmax = Math.max(fmax, Math.abs(f));
        assertTrue(fmax > 0.05, "a perturbed cell has forces: " + fmax);
        for (int k = 0; k < x0.length; k++) {
            double fd = -(out.get(1 + 2 * k).energy() - out.get(2 + 2 * k).energy()) / (2 * h);
            assertEquals(fd, s0.forces()[k], 1e-5 * Math.abs(fd) + 1e-8, "force component " + k);
        }
        for (int a = 0; a < 3; a++) {
            double w = -(out.get(73 + 2 * a).energy() - out.get(74 + 2 * a).energy()) / (2 * h);
            assertEquals(w, s0.virial()[4 * a], 1e-5 * Math.abs(w) + 1e-7, "virial " + "xyz".charAt(a) + "xyz".charAt(a));
        }
    }

    static int[] types(String[] sp, String... order) {
        int[] t = new int[sp.length];
        for (int i = 0; i < sp.length; i++) t[i] = List.of(order).indexOf(sp[i]);
        return t;
    }

    @Test
    void referenceOffsetByAKnownAmountGivesThatRmseAndIsCarriedAsRef() throws Exception {
        String[] sp = new String[12];
        double[] x0 = positions(sp);
        double[] x1 = x0.clone();
        x1[4] += 0.1;
        StringBuilder in = new StringBuilder();
        List<double[]> refForces = new ArrayList<>();
        List<Double> refEnergies = new ArrayList<>();
        for (double[] x : List.of(x0, x1)) {
            Evaluation e = PotentialStyles.load("vashishta", TestConf.ag2tePotential(), List.of("Te", "Ag"))
                    .evaluate(CELL, types(sp, "Te", "Ag"), x, Parallel.serial());
            double[] f = e.forces().clone();
            for (int k = 0; k < f.length; k++) f[k] += 0.01;
            double[] w = e.virial().clone();
            for (int k = 0; k < 9; k++) w[k] += 0.001 * 12;
            double energy = e.energy() + 0.05 * 12;
            refForces.add(f);
            refEnergies.add(energy);
            in.append(structure(sp, CELL, x, "Energy=" + energy + " virial=\"" + XyzStructure.numbers(w) + "\" config_type=\"Ag2Te perturbed\"", f));
        }
        Path input = dir.resolve("ref.xyz");
        Files.writeString(input, in);
        Path output = dir.resolve("ref.out.xyz");
        JobTestSupport.Run r = cli("evaluate", "--potential", TestConf.ag2tePotential().toString(), "--style", "vashishta",
                "--input", input.toString(), "--output", output.toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        Matcher m = TOTAL.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(50.0, Double.parseDouble(m.group(1)), 1e-6);
        assertEquals("2", m.group(2));
        assertEquals(10.0, Double.parseDouble(m.group(3)), 1e-6);
        assertEquals("72", m.group(4));
        assertEquals(1.0, Double.parseDouble(m.group(5)), 1e-6);
        assertEquals(2, r.out().lines().filter(l -> l.matches("evaluate: structure \\d \\(line \\d+, 12 atoms\\): energy error -50\\.0000 meV/atom, force RMSE 10\\.0000 meV/Å,"
                + " virial RMSE 1\\.00000 meV/atom")).count(), r.out());

        List<XyzStructure> out = read(output);
        for (int k = 0; k < 2; k++) {
            XyzStructure s = out.get(k);
            assertEquals(Double.toString(refEnergies.get(k)), s.value("ref_energy"));
            assertEquals(refEnergies.get(k) - 0.6, s.energy(), 1e-9, "IonFlow's energy under energy=");
            assertEquals("Ag2Te perturbed", s.value("config_type"));
            assertEquals("species:S:1:pos:R:3:force:R:3:ref_force:R:3", s.propertiesSpec());
            for (int i = 0; i < 12; i++) {
                for (int d = 0; d < 3; d++) {
                    assertEquals(refForces.get(k)[3 * i + d], Double.parseDouble(s.atoms()[i][7 + d]), 0.0, "ref_force carried");
                    assertEquals(refForces.get(k)[3 * i + d] - 0.01, s.forces()[3 * i + d], 1e-12);
                }
            }
        }
    }

    @Test
    void aTriclinicCellIsRefusedByTheVashishtaStyle() throws Exception {
        String[] sp = new String[12];
        double[] x0 = positions(sp);
        double[] cell = CELL.clone();
        cell[3] = 0.5;
        Path input = dir.resolve("tri.xyz");
        Files.writeString(input, structure(sp, cell, x0, "", null));
        Path output = dir.resolve("tri.out.xyz");
        JobTestSupport.Run r = cli("evaluate", "--potential", TestConf.ag2tePotential().toString(), "--input", input.toString(),
                "--output", output.toString());
        EvaluateBadInputTest.assertRefused(r, output, null, "tri.xyz: line 1, structure 0: triclinic cells are not supported");
    }
}
