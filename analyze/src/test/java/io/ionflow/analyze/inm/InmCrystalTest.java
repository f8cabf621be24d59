package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** A minimised Ag2Te crystal and cold MD from it: no unstable modes, three translations, equipartition. */
class InmCrystalTest {

    private static Structure minimum;

    /** The 2×2×2 crystal at the static lattice constant, perturbed and relaxed back with FIRE + Newton (a copy). */
    static synchronized Structure minimisedCrystal() {
        if (minimum == null) {
            Potential p = InmFixtures.ag2te();
            Structure s = InmFixtures.distorted(2, InmFixtures.staticLatticeConstant(), 0.05, 17);
            FireMinimizer.Result r = FireMinimizer.minimizeWithNewton(s, p, 1e-3, 1e-9, 5000, 10);
            assertTrue(r.converged(), "minimisation did not converge: " + r);
            assertTrue(r.newtonSteps() <= 4, "Newton converges quadratically near the minimum: " + r);
            minimum = s;
        }
        return minimum.copy();
    }

    @Test
    void minimumHasNoUnstableModesAndExactlyThreeZeroModes() {
        Structure s = minimisedCrystal();
        Hessian h = Hessian.of(s, InmFixtures.ag2te());
        InstantaneousModes m = InstantaneousModes.compute(h, true);
        assertEquals(3 * s.size() - 3, m.modeCount());
        assertEquals(0, m.unstableCount(), "a minimum has no unstable modes");
        double max = m.eigenvalue(m.modeCount() - 1);
        assertTrue(m.eigenvalue(0) > 1e-3 * max, "lowest internal mode is clearly positive: " + m.eigenvalue(0));
        // the three dropped vectors are the translations, the kept ones are orthogonal to them
        assertTrue(m.translationOverlapMin() > 1 - 1e-12, "translation overlap " + m.translationOverlapMin());
        assertTrue(m.maxInternalTranslationOverlap() < 1e-20);
        // the full, unprojected D has exactly three zero eigenvalues (and no negative ones)
        double[] full = InmSylvesterTest.eigenvalues(h.massWeighted());
        int[] inertia = InmSylvesterTest.inertia(full);
        assertEquals(0, inertia[0]);
        assertEquals(3, inertia[1]);
        // and the projected spectrum is the unprojected one without those three zeros
        double[] nonZero = Arrays.copyOfRange(full, 3, full.length);
        for (int k = 0; k < nonZero.length; k++) {
            assertEquals(nonZero[k], m.eigenvalue(k), 1e-10 * max);
        }
        InmSnapshot snap = InmAnalysis.summarize(m, s.types(), Arrays.asList(s.speciesNames()),
                InmAnalysis.Options.defaults(), null);
        assertEquals(0.0, snap.fu());
        assertTrue(Double.isNaN(snap.meanUnstableFrequencyThz()));
        assertEquals(0.0, snap.dos().unstableFraction());
    }

    @Test
    void crystalAt10KHasAlmostNoUnstableModes() {
        Structure s = minimisedCrystal();
        MdEngine md = InmFixtures.nvt(s, 10, 500, 31);
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            md.run(100);
            InmSnapshot snap = InmAnalysis.analyze(s, InmFixtures.ag2te(), InmAnalysis.Options.defaults().withVectors(false));
            worst = Math.max(worst, snap.fu());
        }
        assertTrue(worst < 0.01, "f_u at 10 K = " + worst);
    }

    /**
     * Langevin NVT at 30 K from the minimum; the velocities and displacements are projected on the
     * eigenvectors of the minimum. Kinetic energy per stable mode averages kT/2; so does the harmonic
     * potential energy ½λQ² (a check of the eigenvalues with their eigenvectors). Averaged over all modes
     * and, separately, over the lowest, middle and highest third of the spectrum.
     */
    @Test
    void equipartitionPerModeInAColdCrystal() {
        double t = 30;
        Structure s = minimisedCrystal();
        double[] x0 = s.positions().clone();
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, InmFixtures.ag2te()), true);
        UniformRandomProvider rng = InmFixtures.rng(2024);
        Thermo.maxwellBoltzmann(s, t, rng);
        MdEngine md = new MdEngine(s, InmFixtures.ag2te(), 0.002, 1.0, Parallel.serial())
                .withThermostat(new InmFixtures.Langevin(t, 10.0, rng));
        md.run(500);
        int nm = m.modeCount();
        double[] kin = new double[nm], pot = new double[nm];
        int samples = 0;
        double[] dx = new double[x0.length];
        for (int step = 0; step < 5000; step += 10) {
            md.run(10);
            double[] k = ModeProjection.kineticEnergies(m, s.velocities());
            for (int q = 0; q < dx.length; q++) {
                dx[q] = s.positions()[q] - x0[q];
            }
            double[] u = ModeProjection.harmonicEnergies(m, dx);
            for (int q = 0; q < nm; q++) {
                kin[q] += k[q];
                pot[q] += u[q];
            }
            samples++;
        }
        double half = 0.5 * Units.KB * t;
        double allK = 0;
        for (int q = 0; q < nm; q++) {
            allK += kin[q];
        }
        allK /= nm * samples * half;
        assertEquals(1.0, allK, 0.03, "mean kinetic energy per mode / (kT/2)");
        for (int b = 0; b < 3; b++) {
            int from = nm * b / 3, to = nm * (b + 1) / 3;
            double sk = 0, su = 0;
            for (int q = from; q < to; q++) {
                sk += kin[q];
                su += pot[q];
            }
            sk /= (to - from) * samples * half;
            su /= (to - from) * samples * half;
            assertEquals(1.0, sk, 0.06, "kinetic energy / (kT/2), modes " + from + ".." + to);
            assertEquals(1.0, su, 0.07, "harmonic potential energy / (kT/2), modes " + from + ".." + to);
        }
    }
}
