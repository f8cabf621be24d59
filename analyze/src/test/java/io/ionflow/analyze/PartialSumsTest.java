package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** MsdSums / VacfSums: partial sums of disjoint atom sets merge into the single-accumulator result. */
class PartialSumsTest {
    @Test
    void msdSumsMergeAndPackExactly() {
        Trajectory t = Synthetic.randomWalks(new SplittableRandom(3), 10, 400, 0.01, 0.2);
        MsdAccumulator all = new MsdAccumulator(400, 0.01, 150);
        MsdAccumulator a = new MsdAccumulator(400, 0.01, 150);
        MsdAccumulator b = new MsdAccumulator(400, 0.01, 150);
        for (int i = 0; i < 10; i++) {
            all.add(t.x(i), t.y(i), t.z(i));
            (i < 4 ? a : b).add(t.x(i), t.y(i), t.z(i));
        }
        MsdResult ref = all.result();
        assertArrayEquals(ref.total(), all.sums().result().total(), 0.0, "result() is sums().result()");
        MsdSums sa = a.sums();
        MsdSums packed = MsdSums.fromPacked(400, 0.01, 150, sa.atoms(), sa.s1Packed(), sa.rPacked());
        MsdResult merged = packed.merge(b.sums()).result();
        assertEquals(10, merged.particles());
        for (int m = 1; m <= 150; m++) {
            assertEquals(ref.total()[m], merged.total()[m], 1e-12 * ref.total()[m]);
            assertEquals(ref.z()[m], merged.z()[m], 1e-12 * ref.total()[m]);
        }
        assertThrows(IllegalArgumentException.class, () -> sa.merge(MsdSums.empty(400, 0.01, 149)));
    }

    /**
     * A reset accumulator (kept arrays, zeroed) gives the same bits as a new one for the next block — also when it
     * had atoms in jackknife groups that the next block leaves empty, and for the VACF's atom blocks.
     */
    @Test
    void resetAccumulatorsSumTheNextBlockExactlyAsNewOnes() {
        Trajectory t = Synthetic.randomWalks(new SplittableRandom(11), 12, 300, 0.01, 0.2);
        MsdAccumulator reused = new MsdAccumulator(300, 0.01, 120);
        for (int i = 0; i < 7; i++) {
            reused.add(t.x(i), t.y(i), t.z(i), i); // groups 0..6
        }
        reused.sums();
        reused.reset();
        assertEquals(0, reused.atoms());
        MsdAccumulator fresh = new MsdAccumulator(300, 0.01, 120);
        for (int i = 7; i < 12; i++) {
            reused.add(t.x(i), t.y(i), t.z(i), 20 + i % 3); // groups 20..22 only
            fresh.add(t.x(i), t.y(i), t.z(i), 20 + i % 3);
        }
        MsdSums a = reused.sums();
        MsdSums b = fresh.sums();
        assertEquals(b.atoms(), a.atoms());
        assertArrayEquals(b.s1Packed(), a.s1Packed(), 0.0, "s1 after reset");
        assertArrayEquals(b.rPacked(), a.rPacked(), 0.0, "lag and group sums after reset (groups 0..6 must be gone)");

        MsdAccumulator wasUngrouped = new MsdAccumulator(300, 0.01, 120);
        for (int i = 0; i < 3; i++) {
            wasUngrouped.add(t.x(i), t.y(i), t.z(i)); // no group: the totals' own rows
        }
        wasUngrouped.reset();
        MsdAccumulator fresh2 = new MsdAccumulator(300, 0.01, 120);
        for (int i = 3; i < 6; i++) {
            wasUngrouped.add(t.x(i), t.y(i), t.z(i), 5);
            fresh2.add(t.x(i), t.y(i), t.z(i), 5);
        }
        assertArrayEquals(fresh2.sums().s1Packed(), wasUngrouped.sums().s1Packed(), 0.0, "s1 after ungrouped atoms");
        assertArrayEquals(fresh2.sums().rPacked(), wasUngrouped.sums().rPacked(), 0.0,
                "lag sums after ungrouped atoms (their power must be gone)");

        Trajectory[] ou = Synthetic.ornsteinUhlenbeck(new SplittableRandom(13), 9, 200, 0.01, 1.0, 10.0);
        VacfAccumulator vr = new VacfAccumulator(200, 0.01, 80, 4);
        for (int i = 0; i < 5; i++) {
            vr.add(ou[1].x(i), ou[1].y(i), ou[1].z(i), 2.0);
        }
        vr.reset();
        VacfAccumulator vf = new VacfAccumulator(200, 0.01, 80, 4);
        for (int i = 5; i < 9; i++) {
            vr.add(ou[1].x(i), ou[1].y(i), ou[1].z(i), 1.5);
            vf.add(ou[1].x(i), ou[1].y(i), ou[1].z(i), 1.5);
        }
        assertArrayEquals(vf.sums().lagSumsPacked(), vr.sums().lagSumsPacked(), 0.0, "VACF block sums after reset");
        assertArrayEquals(vf.sums().blockWeights(), vr.sums().blockWeights(), 0.0, "VACF block weights after reset");
    }

    /**
     * Folding block after block in place ({@link MsdAccumulator#addSumsTo}, with the accumulator reset in between)
     * gives the bits of merging each block's new {@link MsdSums}: blocks with different groups (one group only in the
     * second block, groups of the first absent from the third), and ungrouped atoms, whose block adds no group sums.
     */
    @Test
    void addingBlockSumsInPlaceGivesTheBitsOfMergingNewOnes() {
        Trajectory t = Synthetic.randomWalks(new SplittableRandom(17), 20, 300, 0.01, 0.2);
        int[][] groupsOfBlock = {{0, 1, 2, 3, 4, 5}, {1, 2, 9, 9, 31, 0}, {7, 7, 8, 8, 8, 7}};
        MsdAccumulator acc = new MsdAccumulator(300, 0.01, 120);
        MsdSums inPlace = null;
        MsdSums merged = null;
        for (int b = 0; b < groupsOfBlock.length; b++) {
            MsdAccumulator fresh = new MsdAccumulator(300, 0.01, 120);
            for (int k = 0; k < 6; k++) {
                int i = 6 * b + k;
                acc.add(t.x(i), t.y(i), t.z(i), groupsOfBlock[b][k]);
                fresh.add(t.x(i), t.y(i), t.z(i), groupsOfBlock[b][k]);
            }
            inPlace = acc.addSumsTo(inPlace);
            acc.reset();
            merged = merged == null ? fresh.sums() : merged.merge(fresh.sums());
            assertEquals(merged.atoms(), inPlace.atoms(), "atoms after block " + b);
            assertArrayEquals(merged.s1Packed(), inPlace.s1Packed(), 0.0, "s1 after block " + b);
            assertArrayEquals(merged.rPacked(), inPlace.rPacked(), 0.0, "lag and group sums after block " + b);
        }
        MsdAccumulator ungrouped = new MsdAccumulator(300, 0.01, 120);
        MsdAccumulator fresh = new MsdAccumulator(300, 0.01, 120);
        for (int i = 18; i < 20; i++) {
            ungrouped.add(t.x(i), t.y(i), t.z(i));
            fresh.add(t.x(i), t.y(i), t.z(i));
        }
        inPlace = ungrouped.addSumsTo(inPlace);
        merged = merged.merge(fresh.sums());
        assertEquals(20, inPlace.atoms());
        assertArrayEquals(merged.s1Packed(), inPlace.s1Packed(), 0.0, "s1 after an ungrouped block");
        assertArrayEquals(merged.rPacked(), inPlace.rPacked(), 0.0, "lag and group sums after an ungrouped block");
        assertArrayEquals(merged.result().total(), inPlace.result().total(), 0.0, "MSD");
    }

    @Test
    void vacfSumsMergeBlockwiseAndGiveTheVdos() {
        Trajectory[] ou = Synthetic.ornsteinUhlenbeck(new SplittableRandom(5), 12, 300, 0.01, 1.0, 10.0);
        Trajectory v = ou[1];
        VacfAccumulator all = new VacfAccumulator(300, 0.01, 100, 4);
        VacfAccumulator a = new VacfAccumulator(300, 0.01, 100, 4);
        VacfAccumulator b = new VacfAccumulator(300, 0.01, 100, 4);
        for (int i = 0; i < 12; i++) {
            all.add(v.x(i), v.y(i), v.z(i));
            (i < 5 ? a : b).add(v.x(i), v.y(i), v.z(i));
        }
        VacfSums sa = a.sums();
        VacfResult merged = VacfSums.fromPacked(300, 0.01, 100, sa.atoms(), sa.lagSumsPacked(), sa.blockWeights())
                .merge(b.sums()).result();
        VacfResult ref = all.result();
        assertEquals(12, merged.atoms());
        assertEquals(4, merged.blocks().length);
        for (int m = 0; m <= 100; m++) {
            assertEquals(ref.raw()[m], merged.raw()[m], 1e-12 * ref.raw()[0]);
        }
        // VDOS from unit-weight species VACFs equals the mass-weighted one when a species has one mass
        int[] species = new int[12];
        double[] mass = new double[12];
        for (int i = 0; i < 12; i++) {
            species[i] = i < 7 ? 0 : 1;
            mass[i] = i < 7 ? 107.87 : 127.6;
        }
        int[] atoms = new int[12];
        for (int i = 0; i < 12; i++) {
            atoms[i] = i;
        }
        VdosResult direct = Vdos.of(v, atoms, mass, species, 0.01, 100);
        VacfResult s0 = Vacf.of(v, Species.atomsOf(species, 0), 0.01, 100);
        VacfResult s1 = Vacf.of(v, Species.atomsOf(species, 1), 0.01, 100);
        VdosResult fromSpecies = Vdos.ofSpecies(new VacfResult[] {s0, s1}, new double[] {107.87, 127.6});
        double peak = 0;
        for (double g : direct.total()) {
            peak = Math.max(peak, Math.abs(g));
        }
        for (int j = 0; j <= 100; j++) {
            assertEquals(direct.total()[j], fromSpecies.total()[j], 1e-10 * peak);
            assertEquals(direct.partial(1)[j], fromSpecies.partial(1)[j], 1e-10 * peak);
        }
        assertEquals(7, fromSpecies.atoms(0));
    }
}
