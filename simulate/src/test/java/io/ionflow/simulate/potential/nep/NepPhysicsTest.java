package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.potential.Evaluation;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Elements;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Independent truths for IonFlow's NEP: finite differences, strain derivatives, energy conservation, threads. */
class NepPhysicsTest {

    private static Evaluation eval(Nep nep, SharedNep.Ref r, double[] x, double[] cell, Parallel par) {
        List<String> sp = nep.species();
        int[] types = r.species().stream().mapToInt(sp::indexOf).toArray();
        return nep.evaluate(cell, types, x, par);
    }

    private static Nep bind(String model, SharedNep.Ref r) throws Exception {
        return Nep.parse(SharedNep.model(model), model, r.species().stream().distinct().toList());
    }

    /** Central differences of the energy (h = 1e-5 Å) equal the forces on every atom (small cell, sheared cell, ZBL contact). */
    @Test
    void forcesAreCentralDifferencesOfTheEnergy() throws Exception {
        checkForces("C_2024_NEP4.txt", "C.reference.xyz", "diamond_8_small_cell");
        checkForces("C_2024_NEP4.txt", "C.reference.xyz", "amorphous_64");
        checkForces("UNEP-v1.txt", "UNEP.reference.xyz", "Ag_close_pair_zbl");
        checkForces("MoWSe_NEP3.txt", "MoWSe.reference.xyz", "MoWSe_random_48");
    }

    private void checkForces(String model, String refs, String tag) throws Exception {
        SharedNep.Ref r = SharedNep.references(refs).stream().filter(q -> q.tag().equals(tag)).findFirst().orElseThrow();
        Nep nep = bind(model, r);
        Parallel par = Parallel.serial();
        double[] x = r.positions().clone();
        double[] f = eval(nep, r, x, r.cell(), par).forces();
        double h = 1e-5, worst = 0;
        int n = x.length / 3;
        for (int k = 0; k < 3 * Math.min(n, 24); k++) {
            double x0 = x[k];
            x[k] = x0 + h;
            double ep = eval(nep, r, x, r.cell(), par).energy();
            x[k] = x0 - h;
            double em = eval(nep, r, x, r.cell(), par).energy();
            x[k] = x0;
            double fd = -(ep - em) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - f[k]) / Math.max(1, Math.abs(f[k])));
        }
        assertTrue(worst < 1e-6, tag + ": force vs central difference, worst " + worst + " eV/Å (relative above 1 eV/Å)");
    }

    /** W_ab = −∂E/∂ε_ab under the homogeneous deformation x → (1 + ε)x of cell and atoms (sheared triclinic cell). */
    @Test
    void virialIsTheStrainDerivativeOfTheEnergy() throws Exception {
        SharedNep.Ref r = SharedNep.references("UNEP.reference.xyz").stream()
                .filter(q -> q.tag().equals("Ag_sheared_triclinic")).findFirst().orElseThrow();
        Nep nep = bind("UNEP-v1.txt", r);
        Parallel par = Parallel.serial();
        double[] w = eval(nep, r, r.positions(), r.cell(), par).virial();
        double eps = 1e-6, scale = 0;
        for (double v : w) scale = Math.max(scale, Math.abs(v));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dE = strained(nep, r, a, b, eps, par) - strained(nep, r, a, b, -eps, par);
                double expected = -dE / (2 * eps);
                assertEquals(expected, w[3 * a + b], 1e-5 * scale + 1e-4, "virial component " + a + b);
            }
        }
    }

    private static double strained(Nep nep, SharedNep.Ref r, int a, int b, double e, Parallel par) {
        double[] x = r.positions().clone(), cell = r.cell().clone();
        for (int i = 0; i < x.length / 3; i++) x[3 * i + a] += e * r.positions()[3 * i + b];
        for (int v = 0; v < 3; v++) cell[3 * v + a] += e * r.cell()[3 * v + b];
        return eval(nep, r, x, cell, par).energy();
    }

    @Test
    void oneTwoAndThreeThreadsGiveIdenticalResults() throws Exception {
        SharedNep.Ref r = SharedNep.references("UNEP.reference.xyz").get(1);
        Nep nep = bind("UNEP-v1.txt", r);
        Evaluation one = eval(nep, r, r.positions(), r.cell(), Parallel.serial());
        try (Parallel p2 = new Parallel(2); Parallel p3 = new Parallel(3)) {
            for (Parallel p : new Parallel[] {p2, p3}) {
                Evaluation e = eval(nep, r, r.positions(), r.cell(), p);
                assertEquals(one.energy(), e.energy(), 0.0);
                assertArrayEquals(one.forces(), e.forces(), 0.0);
                assertArrayEquals(one.virial(), e.virial(), 0.0);
            }
        }
    }

    /**
     * NVE with the Si NEP from a 1200 K start: the energy error of velocity Verlet is O(dt²) (RMS
     * deviation 3.5–4.5 times smaller at 0.5 fs than at 1 fs), its drift (least-squares slope) is below
     * 1e-4 eV/atom/ps at 1 fs over 0.6 ps (forces inconsistent with the energy by 1e-3 eV/Å would drift ~1e-2), and 1 and 2 threads give the same trajectory bit for bit.
     */
    @Test
    void nveConservesEnergyAndIsThreadIndependent() throws Exception {
        SharedNep.Ref r = SharedNep.references("Si.reference.xyz").get(0);
        Nep nep = bind("Si_2022_NEP4_3body.txt", r);
        Structure s0 = new Structure(new String[] {"Si"}, new double[] {Elements.mass("Si")}, new int[r.species().size()],
                r.positions(), null, Box.fromMatrix(r.cell()));
        Thermo.maxwellBoltzmann(s0, 1200, TestSystems.rng(5));
        double[] coarse = energies(nep, s0.copy(), 1e-3, 600, 10, Parallel.serial());
        double[] fine = energies(nep, s0.copy(), 0.5e-3, 1200, 20, Parallel.serial());
        double rmsCoarse = rmsDeviation(coarse), rmsFine = rmsDeviation(fine);
        double slope = slope(coarse, 10e-3) / s0.size();
        System.out.printf("NEP Si NVE 64 atoms, ~600 K: dt 1 fs RMS dev %.2e eV/atom, drift %.2e eV/atom/ps; dt 0.5 fs RMS %.2e (ratio %.2f)%n",
                rmsCoarse / s0.size(), slope, rmsFine / s0.size(), rmsCoarse / rmsFine);
        assertTrue(rmsCoarse / rmsFine > 3.5 && rmsCoarse / rmsFine < 4.5, "energy error must scale as dt²: ratio " + rmsCoarse / rmsFine);
        assertTrue(Math.abs(slope) < 1e-4, "energy drift " + slope + " eV/atom/ps");
        Structure a = s0.copy(), b = s0.copy();
        try (Parallel p2 = new Parallel(2)) {
            new MdEngine(a, nep, 1e-3, 1.0, Parallel.serial()).run(150);
            new MdEngine(b, nep, 1e-3, 1.0, p2).run(150);
        }
        assertArrayEquals(a.positions(), b.positions(), 0.0, "1 and 2 threads must give the same trajectory");
        assertArrayEquals(a.velocities(), b.velocities(), 0.0);
    }

    private static double[] energies(Nep nep, Structure s, double dt, int steps, int every, Parallel par) {
        MdEngine md = new MdEngine(s, nep, dt, 1.0, par);
        double[] e = new double[steps / every + 1];
        e[0] = md.totalEnergy();
        for (int k = 1; k < e.length; k++) {
            md.run(every);
            e[k] = md.totalEnergy();
        }
        return e;
    }

    private static double rmsDeviation(double[] e) {
        double mean = 0, ss = 0;
        for (double v : e) mean += v / e.length;
        for (double v : e) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / e.length);
    }

    private static double slope(double[] e, double spacingPs) {
        int n = e.length;
        double tm = (n - 1) * spacingPs / 2, em = 0, num = 0, den = 0;
        for (double v : e) em += v / n;
        for (int k = 0; k < n; k++) {
            num += (k * spacingPs - tm) * (e[k] - em);
            den += (k * spacingPs - tm) * (k * spacingPs - tm);
        }
        return num / den;
    }
}
