package io.ionflow.simulate.potential;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same potential file, same configuration: IonFlow's energy and forces equal LAMMPS's
 * ({@code pair_style vashishta}) to 1e-6 relative. Skipped, with a message, when {@code lmp} is absent
 * ({@code apt-get install lammps}; CI installs it).
 */
class LammpsCrossCheckTest {

    static boolean lammpsAvailable() {
        try {
            Process p = new ProcessBuilder("lmp", "-h").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void energyAndForcesMatchLammps(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(lammpsAvailable(), "LAMMPS (`lmp`) is not installed: skipping the cross-check"
                + " (apt-get install lammps)");
        Structure s = TestSystems.distortedAg2Te(3, 0.1, 0.3, 77);
        // move some atoms outside the box: LAMMPS wraps them, IonFlow works with unwrapped positions
        s.positions()[3 * 5] += s.box().lx();
        s.positions()[3 * 9 + 2] -= 2 * s.box().lz();
        Potential p = TestSystems.ag2te();
        NeighborList nl = new NeighborList(p.cutoff(), 1.0);
        nl.build(s, Parallel.serial());
        double[] f = new double[3 * s.size()];
        double e = p.compute(s, nl, f, null, Parallel.serial());

        StringBuilder data = new StringBuilder("IonFlow cross-check\n\n");
        data.append(s.size()).append(" atoms\n2 atom types\n\n");
        data.append(String.format(Locale.ROOT, "0 %.17g xlo xhi%n0 %.17g ylo yhi%n0 %.17g zlo zhi%n%n",
                s.box().lx(), s.box().ly(), s.box().lz()));
        data.append(String.format(Locale.ROOT, "Masses%n%n1 %.6f%n2 %.6f%n%nAtoms # atomic%n%n",
                s.speciesMasses()[0], s.speciesMasses()[1]));
        double[] x = s.positions();
        for (int i = 0; i < s.size(); i++) {
            double[] w = new double[3];
            for (int c = 0; c < 3; c++) {
                double l = s.box().length(c);
                w[c] = x[3 * i + c] - Math.floor(x[3 * i + c] / l) * l;
            }
            data.append(String.format(Locale.ROOT, "%d %d %.17g %.17g %.17g%n", i + 1, s.type(i) + 1, w[0], w[1], w[2]));
        }
        Files.writeString(dir.resolve("data.lmp"), data);
        String in = String.join("\n",
                "units metal", "boundary p p p", "atom_style atomic", "atom_modify map array",
                "read_data data.lmp",
                "pair_style vashishta",
                "pair_coeff * * " + TestSystems.ag2tePotentialFile().toAbsolutePath() + " Ag Te",
                "neighbor 1.0 bin",
                "thermo_style custom step pe",
                "thermo_modify format float %20.15g",
                "dump d all custom 1 forces.dump id fx fy fz",
                "dump_modify d sort id format float %20.15g",
                "run 0", "");
        Files.writeString(dir.resolve("in.check"), in);
        Process proc = new ProcessBuilder("lmp", "-in", "in.check", "-log", "log.lammps")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        assertTrue(proc.waitFor(5, TimeUnit.MINUTES), "LAMMPS timed out");
        assertEquals(0, proc.exitValue(), "LAMMPS failed:\n" + out);

        Matcher m = Pattern.compile("(?m)^\\s*0\\s+(-?[0-9.eE+-]+)\\s*$").matcher(Files.readString(dir.resolve("log.lammps")));
        assertTrue(m.find(), "no energy line in the LAMMPS log");
        double eLmp = Double.parseDouble(m.group(1));
        assertEquals(eLmp, e, 1e-6 * Math.abs(eLmp), "potential energy, eV");

        List<String> lines = Files.readAllLines(dir.resolve("forces.dump"));
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("ITEM: ATOMS")).findFirst().orElseThrow()) + 1;
        double maxF = 0, maxErr = 0;
        for (int i = 0; i < s.size(); i++) {
            String[] w = lines.get(start + i).trim().split("\\s+");
            int id = Integer.parseInt(w[0]) - 1;
            for (int c = 0; c < 3; c++) {
                double fl = Double.parseDouble(w[1 + c]);
                maxF = Math.max(maxF, Math.abs(fl));
                maxErr = Math.max(maxErr, Math.abs(fl - f[3 * id + c]));
            }
        }
        assertTrue(maxF > 0.1, "forces should be non-trivial");
        assertTrue(maxErr <= 1e-6 * maxF, "max force difference " + maxErr + " eV/Å vs max |F| " + maxF);
    }
}
