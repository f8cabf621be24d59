package io.ionflow.jobs;

import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.Archive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trajectory IonFlow did not write, as a user brings it: a 50/50 Ar/Kr Lennard-Jones liquid (500 atoms, 125–134 K,
 * NVE 60 ps, frames every 20 fs) run by LAMMPS ({@code conf/lammps/lj_arkr.in}), ingested from its dump, then
 * {@code msd} and {@code vacf} with default options. D from the automatic MSD window and from Green–Kubo must agree with
 * each other and with two independent references computed here from the dump — a straight line fitted to a direct
 * (loop over origins) MSD over 3–12 ps, and a Green–Kubo integral of a directly summed VACF (plateau 2–4 ps), both after
 * removing the system's centre of mass — within their errors and within 5 %. (A line over 5–30 ps of this 60 ps run
 * is 7 % off either way for Ar: its long lags rest on a few independent origins; NumPy gives the same numbers.) the drift reference must be the system's centre of mass (no species of a liquid is a framework), and the
 * masses of Ar and Kr must come from the element table. Skipped, with a message, without {@code lmp}
 * ({@code apt-get install lammps}; CI installs it).
 */
class LammpsLiquidDiffusionTest {
    static final double FRAME_PS = 0.02;

    @TempDir
    static Path dir;

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
    void msdVacfAndAnIndependentReferenceAgree() throws Exception {
        Assumptions.assumeTrue(lammpsAvailable(), "LAMMPS (`lmp`) is not installed: skipping the Lennard-Jones liquid"
                + " diffusion cross-check (apt-get install lammps)");
        Path dump = runLammps();
        String archive = dir.resolve("archive").toString();
        JobTestSupport.Run in = cli("ingest", "--format", "lammps-dump", "--input", dump.toString(), "--archive", archive,
                "--run-id", "ArKr_T134", "--types", "Ar,Kr", "--temperature-k", "134", "--timestep-fs", "4");
        assertEquals(0, in.rc(), in.err());
        JobTestSupport.Run msd = cli("msd", "--archive", archive, "--progress-seconds", "1000");
        assertEquals(0, msd.rc(), msd.err());
        assertTrue(msd.out().contains("drift reference system centre of mass (auto"), msd.out());
        JobTestSupport.Run vacf = cli("vacf", "--archive", archive, "--progress-seconds", "1000");
        assertEquals(0, vacf.rc(), vacf.err());

        Map<String, double[][]> refs = reference(dump);
        Map<String, DiffusionCsv.Line> byKey = new TreeMap<>();
        for (DiffusionCsv.Line l : DiffusionCsv.read(Archive.at(archive))) {
            byKey.put(l.species() + "/" + l.method(), l);
        }
        for (String sp : List.of("Ar", "Kr")) {
            DiffusionCsv.Line m = byKey.get(sp + "/msd");
            DiffusionCsv.Line v = byKey.get(sp + "/vacf");
            double[] line = refs.get(sp)[0];
            double[] gk = refs.get(sp)[1];
            System.out.printf("LJ liquid %s: D msd %.4e ± %.2e (window %.2f-%.1f ps), vacf %.4e ± %.2e; references: MSD line"
                            + " %.4e ± %.2e, Green-Kubo %.4e ± %.2e cm^2/s%n", sp, m.dCm2PerS(), m.errCm2PerS(), m.fitStartPs(),
                    m.fitEndPs(), v.dCm2PerS(), v.errCm2PerS(), line[0], line[1], gk[0], gk[1]);
            assertTrue(m.diffusive() && v.diffusive(), sp + " diffuses");
            agree(sp + ": msd vs vacf", m.dCm2PerS(), m.errCm2PerS(), v.dCm2PerS(), v.errCm2PerS());
            for (double[] r : new double[][] {line, gk}) {
                agree(sp + ": msd vs reference", m.dCm2PerS(), m.errCm2PerS(), r[0], r[1]);
                agree(sp + ": vacf vs reference", v.dCm2PerS(), v.errCm2PerS(), r[0], r[1]);
            }
            assertTrue(m.fitStartPs() >= 1.0, sp + ": the automatic window starts in the crossover: " + m.fitStartPs());
        }
    }

    static void agree(String what, double a, double ea, double b, double eb) {
        double diff = Math.abs(a - b);
        assertTrue(diff <= 3 * Math.hypot(ea, eb), what + ": " + a + " vs " + b + " differ by more than 3 sigma");
        assertTrue(diff <= 0.05 * Math.abs(b), what + ": " + a + " vs " + b + " differ by more than 5 %");
    }

    private static Path runLammps() throws Exception {
        Path input = TestConf.conf().resolve("lammps/lj_arkr.in");
        Process p = new ProcessBuilder("lmp", "-in", input.toString(), "-var", "SEED", "4242", "-var", "NCELL", "5",
                "-var", "PROD_STEPS", "15000", "-log", "log.lammps").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("lammps.out").toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "LAMMPS did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("lammps.out")));
        return dir.resolve("dump.lammpstrj");
    }

    /**
     * The independent references per species: {{D, error} of the MSD line, {D, error} of Green–Kubo} in cm²/s. Unwrapped
     * positions from the dump (x + ix·L) and velocities (Å/ps), the mass-weighted centre of mass (and its velocity) of all
     * atoms removed per frame. MSD: a direct loop over origins every 5 frames at lags 3–12 ps, an ordinary least-squares
     * line, D = slope/6. Green–Kubo: the VACF summed directly over origins every 2 frames, integrated by the trapezoid
     * rule, D = ⅓·mean of the integral over 2–4 ps. Errors from the spread of 10 atom blocks.
     */
    static Map<String, double[][]> reference(Path dump) throws IOException {
        List<double[][]> frames = new ArrayList<>(); // [atom][xyz]
        List<double[][]> velocities = new ArrayList<>();
        int[] type = null;
        double[] box = new double[3];
        try (BufferedReader r = Files.newBufferedReader(dump)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("ITEM: NUMBER OF ATOMS")) {
                    continue;
                }
                int n = Integer.parseInt(r.readLine().trim());
                r.readLine();
                for (int c = 0; c < 3; c++) {
                    String[] lohi = r.readLine().trim().split("\\s+");
                    box[c] = Double.parseDouble(lohi[1]) - Double.parseDouble(lohi[0]);
                }
                r.readLine(); // ITEM: ATOMS id type x y z ix iy iz vx vy vz
                double[][] pos = new double[n][3];
                double[][] vel = new double[n][3];
                type = type == null ? new int[n] : type;
                for (int i = 0; i < n; i++) {
                    String[] f = r.readLine().trim().split("\\s+");
                    int id = Integer.parseInt(f[0]) - 1;
                    type[id] = Integer.parseInt(f[1]);
                    for (int c = 0; c < 3; c++) {
                        pos[id][c] = Double.parseDouble(f[2 + c]) + Integer.parseInt(f[5 + c]) * box[c];
                        vel[id][c] = Double.parseDouble(f[8 + c]);
                    }
                }
                frames.add(pos);
                velocities.add(vel);
            }
        }
        int t = frames.size();
        int n = type.length;
        double[] mass = {0, 39.948, 83.798};
        double mTot = 0;
        for (int a = 0; a < n; a++) {
            mTot += mass[type[a]];
        }
        for (List<double[][]> series : List.of(frames, velocities)) {
            removeCentreOfMass(series, type, mass, mTot);
        }
        Map<String, double[][]> out = new TreeMap<>();
        String[] names = {null, "Ar", "Kr"};
        for (int ty = 1; ty <= 2; ty++) {
            List<Integer> atoms = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                if (type[a] == ty) {
                    atoms.add(a);
                }
            }
            out.put(names[ty], new double[][] {blocked(atoms, sel -> lineFitD(frames, sel, t)),
                blocked(atoms, sel -> greenKuboD(velocities, sel, t))});
        }
        return out;
    }

    private static void removeCentreOfMass(List<double[][]> series, int[] type, double[] mass, double mTot) {
        int n = type.length;
        for (double[][] pos : series) {
            double[] com = new double[3];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < 3; c++) {
                    com[c] += mass[type[a]] * pos[a][c] / mTot;
                }
            }
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < 3; c++) {
                    pos[a][c] -= com[c];
                }
            }
        }
    }

    /** {D of all atoms, standard error from 10 blocks of atoms}, converted from Å²/ps to cm²/s. */
    private static double[] blocked(List<Integer> atoms, java.util.function.ToDoubleFunction<List<Integer>> estimate) {
        int blocks = 10;
        double[] perBlock = new double[blocks];
        double mean = 0;
        for (int b = 0; b < blocks; b++) {
            List<Integer> sel = new ArrayList<>();
            for (int k = b; k < atoms.size(); k += blocks) {
                sel.add(atoms.get(k));
            }
            perBlock[b] = estimate.applyAsDouble(sel);
            mean += perBlock[b] / blocks;
        }
        double var = 0;
        for (double d : perBlock) {
            var += (d - mean) * (d - mean) / (blocks - 1);
        }
        return new double[] {estimate.applyAsDouble(atoms) * 1e-4, Math.sqrt(var / blocks) * 1e-4};
    }

    /** ⅓ × the mean over 2–4 ps of the running integral of the directly summed VACF, Å²/ps. */
    private static double greenKuboD(List<double[][]> vel, List<Integer> atoms, int t) {
        int maxLag = 200;
        double[] c = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            long cnt = 0;
            for (int o = 0; o + lag < t; o += 2) {
                double[][] v0 = vel.get(o);
                double[][] v1 = vel.get(o + lag);
                for (int a : atoms) {
                    sum += v0[a][0] * v1[a][0] + v0[a][1] * v1[a][1] + v0[a][2] * v1[a][2];
                    cnt++;
                }
            }
            c[lag] = sum / cnt;
        }
        double integral = 0;
        double plateau = 0;
        int n = 0;
        for (int lag = 1; lag <= maxLag; lag++) {
            integral += 0.5 * (c[lag - 1] + c[lag]) * FRAME_PS;
            if (lag >= 100) {
                plateau += integral / 3.0;
                n++;
            }
        }
        return plateau / n;
    }

    /** D (Å²/ps) of the OLS line through the direct MSD of the atoms at lags 3..12 ps in steps of 0.5 ps. */
    private static double lineFitD(List<double[][]> frames, List<Integer> atoms, int t) {
        List<double[]> points = new ArrayList<>();
        for (int lag = 150; lag <= 600 && lag < t; lag += 25) {
            double sum = 0;
            long cnt = 0;
            for (int o = 0; o + lag < t; o += 5) {
                double[][] p0 = frames.get(o);
                double[][] p1 = frames.get(o + lag);
                for (int a : atoms) {
                    for (int c = 0; c < 3; c++) {
                        double d = p1[a][c] - p0[a][c];
                        sum += d * d;
                    }
                    cnt++;
                }
            }
            points.add(new double[] {lag * FRAME_PS, sum / cnt});
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / points.size();
            my += p[1] / points.size();
        }
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        return sxy / sxx / 6.0;
    }
}
