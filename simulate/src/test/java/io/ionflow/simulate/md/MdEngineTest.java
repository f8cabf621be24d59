package io.ionflow.simulate.md;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MdEngineTest {
    static Potential pot;
    /** 96-atom α-Ag2Te equilibrated at 500 K (NVT), shared start for the NVE tests. */
    static Structure equilibrated;

    @BeforeAll
    static void equilibrate() {
        pot = TestSystems.ag2te();
        UniformRandomProvider rng = TestSystems.rng(42);
        Structure s = Antifluorite.build("Ag", "Te", 2, 6.57, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, Parallel.serial())
                .withThermostat(new BussiThermostat(500, 0.05, rng));
        md.run(2000);
        equilibrated = s.copy();
    }

    @Test
    void nveConservesEnergyOver10psAt1fs() {
        Structure s = equilibrated.copy();
        MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, Parallel.serial());
        double e0 = md.totalEnergy();
        double maxDev = 0;
        for (int block = 0; block < 100; block++) {
            md.run(100);
            maxDev = Math.max(maxDev, Math.abs(md.totalEnergy() - e0));
        }
        double drift = Math.abs(md.totalEnergy() - e0) / s.size();
        assertTrue(md.temperature() > 250, "the system must stay hot: T = " + md.temperature());
        assertTrue(drift < 1e-4, "energy drift " + drift + " eV/atom over 10 ps");
        assertTrue(maxDev / s.size() < 1e-3, "energy fluctuation " + maxDev / s.size() + " eV/atom");
    }

    @Test
    void totalMomentumIsConserved() {
        Structure s = equilibrated.copy();
        double[] p0 = Thermo.momentum(s);
        MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, Parallel.serial());
        md.run(500);
        double[] p1 = Thermo.momentum(s);
        double scale = Math.sqrt(s.totalMass() * 2 * md.kineticEnergy() * Units.FORCE_TO_ACCEL);
        for (int c = 0; c < 3; c++) assertEquals(p0[c], p1[c], 1e-10 * scale);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameTrajectory() {
        Structure a = equilibrated.copy(), b = equilibrated.copy();
        try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
            new MdEngine(a, pot, 1e-3, 1.0, p1).withThermostat(new BussiThermostat(500, 0.1, TestSystems.rng(7))).run(300);
            new MdEngine(b, pot, 1e-3, 1.0, p2).withThermostat(new BussiThermostat(500, 0.1, TestSystems.rng(7))).run(300);
        }
        double maxDiff = 0;
        for (int k = 0; k < a.positions().length; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(a.positions()[k] - b.positions()[k]));
        }
        assertTrue(maxDiff <= 1e-10, "1 vs 2 threads differ by " + maxDiff + " Å");
    }

    @Test
    void oneTwoAndThreeThreadsGiveBitIdenticalTrajectoriesOnA768AtomCell() {
        UniformRandomProvider rng = TestSystems.rng(11);
        Structure a = Antifluorite.build("Ag", "Te", 4, 6.57, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(a, 700, rng);
        Structure start = a.copy();
        MdEngine ma = new MdEngine(a, pot, 2e-3, 1.0, Parallel.serial()).withThermostat(new BussiThermostat(700, 0.1, TestSystems.rng(5)));
        ma.run(150);
        assertTrue(ma.neighborList().builds() > 1, "the list must have been rebuilt during the run");
        for (int threads = 2; threads <= 3; threads++) {
            Structure b = start.copy();
            try (Parallel p = new Parallel(threads)) {
                MdEngine mb = new MdEngine(b, pot, 2e-3, 1.0, p).withThermostat(new BussiThermostat(700, 0.1, TestSystems.rng(5)));
                mb.run(150);
                assertEquals(ma.potentialEnergy(), mb.potentialEnergy(), 0.0);
                assertArrayEquals(ma.virial(), mb.virial(), 0.0);
                assertArrayEquals(ma.forces(), mb.forces(), 0.0);
            }
            assertArrayEquals(a.positions(), b.positions(), 0.0, threads + " threads: positions must agree bit for bit");
            assertArrayEquals(a.velocities(), b.velocities(), 0.0, threads + " threads: velocities must agree bit for bit");
        }
    }

    @Test
    void sameSeedSameTrajectoryDifferentSeedDifferent() {
        Structure a = equilibrated.copy(), b = equilibrated.copy(), c = equilibrated.copy();
        new MdEngine(a, pot, 1e-3, 1.0, Parallel.serial()).withThermostat(new BussiThermostat(500, 0.1, TestSystems.rng(9))).run(200);
        new MdEngine(b, pot, 1e-3, 1.0, Parallel.serial()).withThermostat(new BussiThermostat(500, 0.1, TestSystems.rng(9))).run(200);
        new MdEngine(c, pot, 1e-3, 1.0, Parallel.serial()).withThermostat(new BussiThermostat(500, 0.1, TestSystems.rng(10))).run(200);
        assertArrayEquals(a.positions(), b.positions());
        assertTrue(Math.abs(a.positions()[0] - c.positions()[0]) > 0 || Math.abs(a.positions()[1] - c.positions()[1]) > 0);
    }

    @Test
    void bussiThermostatHoldsTheMeanTemperature() {
        Structure s = equilibrated.copy();
        double target = 600;
        MdEngine md = new MdEngine(s, pot, 2e-3, 1.0, Parallel.serial())
                .withThermostat(new BussiThermostat(target, 0.1, TestSystems.rng(3)));
        md.run(1000);
        double sum = 0;
        int n = 0;
        for (int k = 0; k < 10000; k++) {
            md.step();
            sum += md.temperature();
            n++;
        }
        double mean = sum / n;
        assertEquals(target, mean, 0.02 * target, "mean T over 20 ps");
    }

    @Test
    void healthCheckAbortsOnOverlappingAtoms() {
        Structure s = equilibrated.copy();
        // put atom 1 almost on top of atom 0: the repulsion launches it
        for (int c = 0; c < 3; c++) s.positions()[3 + c] = s.positions()[c] + 0.05;
        org.junit.jupiter.api.Assertions.assertThrows(SimulationHealthException.class, () -> {
            MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, Parallel.serial()).withHealthLimits(0.5, 5000);
            md.run(10);
        });
    }
}
