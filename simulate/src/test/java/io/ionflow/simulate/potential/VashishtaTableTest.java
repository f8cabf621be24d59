package io.ionflow.simulate.potential;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.md.BussiThermostat;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy of {@code vashishta/table} against the exact form on α-Ag2Te snapshots (500 K MD). */
class VashishtaTableTest {
    static Vashishta exact;
    /** 324-atom α-Ag2Te (3×3×3) after 2 ps of NVT MD at 500 K with the exact form. */
    static Structure snapshot;

    @BeforeAll
    static void equilibrate() {
        exact = (Vashishta) TestSystems.ag2te();
        UniformRandomProvider rng = TestSystems.rng(3);
        Structure s = Antifluorite.build("Ag", "Te", 3, 6.57, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        new MdEngine(s, exact, 2e-3, 1.0, Parallel.serial()).withThermostat(new BussiThermostat(500, 0.05, rng)).run(1000);
        snapshot = s;
    }

    /** {max |ΔF| / rms |F|, max over atoms |ΔF_i| / |F_i|, |ΔE| / N (eV)} of the table against the exact form. */
    static double[] errors(Potential table, Structure s) {
        NeighborList nl = new NeighborList(exact.cutoff(), 0.5);
        nl.build(s, Parallel.serial());
        int n = s.size();
        double[] fe = new double[3 * n], ft = new double[3 * n];
        double ee = exact.compute(s, nl, fe, null, Parallel.serial());
        double et = table.compute(s, nl, ft, null, Parallel.serial());
        double maxAbs = 0, maxRel = 0, sum2 = 0;
        for (int i = 0; i < n; i++) {
            double d2 = 0, f2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = ft[3 * i + c] - fe[3 * i + c];
                d2 += d * d;
                f2 += fe[3 * i + c] * fe[3 * i + c];
            }
            maxAbs = Math.max(maxAbs, Math.sqrt(d2));
            maxRel = Math.max(maxRel, Math.sqrt(d2 / f2));
            sum2 += f2;
        }
        return new double[] {maxAbs / Math.sqrt(sum2 / n), maxRel, Math.abs(et - ee) / n};
    }

    @Test
    void defaultTableForcesAndEnergyAgreeWithTheExactForm() {
        Potential table = PotentialStyles.style("vashishta/table").parse(textOf(), "Ag2Te", List.of("Ag", "Te"));
        assertEquals("vashishta/table", table.style());
        for (int n : new int[] {1024, 2048, 4096, 8192}) {
            double[] e = errors(exact.tabulated(n), snapshot);
            System.out.printf(Locale.ROOT, "vashishta/table %d intervals: max|dF|/rms|F| %.2e, max_i |dF_i|/|F_i| %.2e, |dE|/N %.2e eV%n",
                    n, e[0], e[1], e[2]);
        }
        double[] e = errors(table, snapshot);
        assertTrue(e[0] < 1e-6, "max force error / rms force " + e[0]);
        assertTrue(e[1] < 1e-5, "max relative force error per atom " + e[1]);
        assertTrue(e[2] < 1e-8, "energy error per atom " + e[2] + " eV");
    }

    private static String textOf() {
        try {
            return java.nio.file.Files.readString(TestSystems.ag2tePotentialFile());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void nveWithTheTableConservesEnergy() {
        Structure s = snapshot.copy();
        MdEngine md = new MdEngine(s, exact.tabulated(Vashishta.DEFAULT_TABLE_INTERVALS), 1e-3, 1.0, Parallel.serial());
        double e0 = md.totalEnergy();
        double maxDev = 0;
        for (int block = 0; block < 50; block++) {
            md.run(100);
            maxDev = Math.max(maxDev, Math.abs(md.totalEnergy() - e0));
        }
        double drift = Math.abs(md.totalEnergy() - e0) / s.size();
        System.out.printf(Locale.ROOT, "vashishta/table NVE 5 ps, 1 fs, %d atoms: drift %.2e eV/atom, max deviation %.2e eV/atom%n",
                s.size(), drift, maxDev / s.size());
        assertTrue(md.temperature() > 250, "the system must stay hot: T = " + md.temperature());
        assertTrue(drift < 1e-4, "energy drift " + drift + " eV/atom over 5 ps");
        assertTrue(maxDev / s.size() < 1e-3, "energy fluctuation " + maxDev / s.size() + " eV/atom");
    }

    @Test
    void tableTrajectoriesAreBitIdenticalForOneAndTwoThreads() {
        Potential table = exact.tabulated(Vashishta.DEFAULT_TABLE_INTERVALS);
        Structure a = snapshot.copy(), b = snapshot.copy();
        try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
            new MdEngine(a, table, 1e-3, 1.0, p1).run(100);
            new MdEngine(b, table, 1e-3, 1.0, p2).run(100);
        }
        assertArrayEquals(a.positions(), b.positions(), 0.0);
        assertArrayEquals(a.velocities(), b.velocities(), 0.0);
    }

    @Test
    void tableStyleRoundTripsThroughJson() {
        Potential table = exact.tabulated(Vashishta.DEFAULT_TABLE_INTERVALS);
        Potential back = PotentialStyles.fromJson(table.toJson(), List.of("Ag", "Te"));
        assertEquals("vashishta/table", back.style());
        assertEquals(Vashishta.DEFAULT_TABLE_INTERVALS, ((Vashishta) back).tableIntervals());
    }
}
