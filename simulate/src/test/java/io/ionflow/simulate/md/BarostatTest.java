package io.ionflow.simulate.md;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stochastic cell rescaling drives the mean pressure to its target from a compressed and from an
 * expanded start, and both starts reach the same lattice constant.
 */
class BarostatTest {

    static double[] npt(double startA, double targetGPa, long seed) {
        Potential pot = TestSystems.ag2te();
        UniformRandomProvider rng = TestSystems.rng(seed);
        Structure s = Antifluorite.build("Ag", "Te", 2, startA, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        MdEngine md = new MdEngine(s, pot, 2e-3, 1.0, Parallel.serial())
                .withThermostat(new BussiThermostat(500, 0.1, rng))
                .withBarostat(new StochasticCellRescaling(targetGPa / Units.EV_PER_A3_TO_GPA, 0.5,
                        0.03 * Units.EV_PER_A3_TO_GPA, 500, rng));
        md.run(2500); // 5 ps to relax
        double p = 0, a = 0;
        int n = 0;
        for (int k = 0; k < 5000; k++) { // 10 ps of averages
            md.step();
            p += md.pressure() * Units.EV_PER_A3_TO_GPA;
            a += s.box().lx() / 2;
            n++;
        }
        return new double[] {p / n, a / n};
    }

    @Test
    void meanPressureReachesTargetFromBothSides() {
        double[] lo = npt(6.35, 0.0, 1), hi = npt(6.80, 0.0, 2);
        assertEquals(0.0, lo[0], 0.15, "mean pressure (GPa) from a compressed start");
        assertEquals(0.0, hi[0], 0.15, "mean pressure (GPa) from an expanded start");
        assertEquals(lo[1], hi[1], 0.02, "both starts reach the same lattice constant (Å)");
        assertTrue(lo[1] > 6.4 && lo[1] < 6.75, "zero-pressure lattice constant at 500 K: " + lo[1] + " Å");
    }
}
