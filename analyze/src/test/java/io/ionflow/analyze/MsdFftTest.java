package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FFT MSD/VACF against the direct O(T²) sums, for every FFT backend (FFTW runs when loadable). */
class MsdFftTest {

    /**
     * The backend by name; the FFTW variants are skipped (reported, not passed) when FFTW cannot be
     * loaded. FFTW is on analyze's test class path (scope provided), so here they normally run.
     */
    static FftBackend backend(String name) {
        if (name.equals("fftw")) {
            Assumptions.assumeTrue(FftBackends.fftwAvailable(),
                    () -> "FFTW backend not loadable, FFTW variant skipped: " + FftBackends.fftwUnavailableReason());
        }
        return FftBackends.byChoice(name);
    }

    static Stream<Arguments> backendsAndShapes() {
        int[][] shapes = {{2, 1}, {3, 2}, {7, 6}, {100, 99}, {100, 10}, {1000, 999}, {1000, 250}, {1234, 1233},
            {1234, 617}, {2049, 2048}, {2048, 1000}, {4096, 4095}, {10000, 9999},
            {1300, 1299}}; // JTransforms lengths: 2049 → 5120 = 5·2^10, 10000 → 20480 = 5·2^12, 1300 → 4096
        List<Arguments> a = new ArrayList<>();
        for (String b : new String[] {"jtransforms", "fftw"}) {
            for (int[] s : shapes) {
                a.add(Arguments.of(b, s[0], s[1]));
            }
        }
        return a.stream();
    }

    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int m = 0; m < expected.length; m++) {
            double tol = rel * Math.abs(expected[m]) + 1e-300;
            assertTrue(Math.abs(actual[m] - expected[m]) <= tol,
                    what + ": lag " + m + " expected " + expected[m] + " got " + actual[m]
                            + " (rel " + Math.abs(actual[m] - expected[m]) / Math.abs(expected[m]) + ")");
        }
    }

    @ParameterizedTest(name = "{0}: T={1}, maxLag={2}")
    @MethodSource("backendsAndShapes")
    void fftMsdEqualsDirectMsd(String backendName, int nFrames, int maxLag) {
        FftBackend backend = backend(backendName);
        SplittableRandom rng = new SplittableRandom(1000L * nFrames + maxLag);
        int nAtoms = 3;
        // random walks far from the origin (stress the centring) plus one atom of pure noise
        Trajectory walks = Synthetic.randomWalks(rng, nAtoms, nFrames, 0.01, 0.5);
        double[][] nx = new double[1][nFrames];
        double[][] ny = new double[1][nFrames];
        double[][] nz = new double[1][nFrames];
        for (int f = 0; f < nFrames; f++) {
            nx[0][f] = 1000.0 + rng.nextDouble();
            ny[0][f] = -500.0 + rng.nextDouble();
            nz[0][f] = rng.nextDouble();
        }
        Trajectory noise = new Trajectory(nx, ny, nz);

        MsdAccumulator acc = new MsdAccumulator(nFrames, 0.01, maxLag, backend);
        assertEquals(backend.name(), acc.fftBackend());
        double[] meanDirect = new double[maxLag + 1];
        for (Trajectory tr : new Trajectory[] {walks, noise}) {
            for (int a = 0; a < tr.atoms(); a++) {
                double[] direct = Synthetic.directMsd(tr.x(a), tr.y(a), tr.z(a), maxLag);
                MsdAccumulator one = new MsdAccumulator(nFrames, 0.01, maxLag, backend);
                one.add(tr.x(a), tr.y(a), tr.z(a));
                MsdResult single = one.result();
                assertClose(direct, single.total(), 1e-9, "single atom");
                double[] dx = Synthetic.directMsd(tr.x(a), new double[nFrames], new double[nFrames], maxLag);
                assertClose(dx, single.x(), 1e-9, "x component");
                acc.add(tr.x(a), tr.y(a), tr.z(a));
                for (int m = 0; m <= maxLag; m++) {
                    meanDirect[m] += direct[m] / (nAtoms + 1);
                }
            }
        }
        MsdResult avg = acc.result();
        assertEquals(nAtoms + 1, avg.particles());
        assertClose(meanDirect, avg.total(), 1e-9, "atom average");
        assertEquals(maxLag * 0.01, avg.timesPs()[maxLag], 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtransforms", "fftw"})
    void mergedAccumulatorsEqualOneAccumulator(String backendName) {
        FftBackend be = backend(backendName);
        Trajectory tr = Synthetic.randomWalks(new SplittableRandom(3), 6, 500, 0.02, 0.4);
        MsdAccumulator all = new MsdAccumulator(500, 0.02, 300, be);
        MsdAccumulator a = new MsdAccumulator(500, 0.02, 300, be);
        MsdAccumulator b = new MsdAccumulator(500, 0.02, 300, be);
        for (int i = 0; i < 6; i++) {
            all.add(tr.x(i), tr.y(i), tr.z(i));
            (i < 2 ? a : b).add(tr.x(i), tr.y(i), tr.z(i));
        }
        a.merge(b);
        assertEquals(6, a.atoms());
        assertClose(all.result().total(), a.result().total(), 1e-12, "merged");
        assertThrows(IllegalArgumentException.class, () -> a.merge(new MsdAccumulator(500, 0.02, 299, be)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtransforms", "fftw"})
    void fftVacfEqualsDirectVacf(String backendName) {
        FftBackend be = backend(backendName);
        SplittableRandom rng = new SplittableRandom(11);
        int t = 3000;
        int maxLag = 1200;
        int atoms = 5;
        double[] weights = {1.0, 2.5, 7.0, 1.0, 3.0};
        VacfAccumulator acc = new VacfAccumulator(t, 0.01, maxLag, 2, be);
        double[] direct = new double[maxLag + 1];
        double wSum = 0;
        for (int a = 0; a < atoms; a++) {
            double[][] v = new double[3][t];
            for (int c = 0; c < 3; c++) {
                for (int f = 1; f < t; f++) {
                    v[c][f] = 0.9 * v[c][f - 1] + rng.nextGaussian() + 0.3; // correlated, non-zero mean
                }
            }
            acc.add(v[0], v[1], v[2], weights[a]);
            wSum += weights[a];
            for (int m = 0; m <= maxLag; m++) {
                double s = 0;
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k + m < t; k++) {
                        s += v[c][k] * v[c][k + m];
                    }
                }
                direct[m] += weights[a] * s / (t - m);
            }
        }
        for (int m = 0; m <= maxLag; m++) {
            direct[m] /= wSum;
        }
        assertClose(direct, acc.result().raw(), 1e-9, "weighted VACF (" + backendName + ")");
    }

    @Test
    void backendsAgreeAndFftwUsesNonPowerOfTwoLengths() {
        FftBackend fftw = backend("fftw");
        int n = fftw.size(19_999);
        assertTrue(n >= 19_999 && n % 2 == 0, "length " + n);
        assertEquals(n, fftw.size(19_999), "the length for a minimum is fixed per JVM");
        assertEquals(20_480, n, "2^12*5 is the smallest 2^a*m (m odd, 5-smooth, <= 27) >= 19 999");
        assertEquals(204_800, FftwBackend.lengthFor(199_999), "2^13*25");
        for (int min : new int[] {2, 3, 97, 1000, 4097, 65_537}) {
            int len = FftwBackend.lengthFor(min);
            int smallest = -1;
            for (int c = Math.max(2, min); smallest < 0; c++) {
                int odd = c;
                while (odd % 2 == 0) {
                    odd /= 2;
                }
                if (c % 2 == 0 && odd <= FftwBackend.MAX_ODD_PART && odd % 7 != 0 && odd % 11 != 0 && odd % 13 != 0
                        && odd % 17 != 0 && odd % 19 != 0 && odd % 23 != 0) {
                    smallest = c;
                }
            }
            assertEquals(smallest, len, "length for " + min);
        }
        Trajectory tr = Synthetic.randomWalks(new SplittableRandom(5), 4, 10_000, 0.01, 0.5);
        MsdAccumulator j = new MsdAccumulator(10_000, 0.01, 9_999, FftBackends.byChoice("jtransforms"));
        MsdAccumulator f = new MsdAccumulator(10_000, 0.01, 9_999, fftw);
        for (int a = 0; a < tr.atoms(); a++) {
            j.add(tr.x(a), tr.y(a), tr.z(a));
            f.add(tr.x(a), tr.y(a), tr.z(a));
        }
        assertClose(j.result().total(), f.result().total(), 1e-10, "FFTW vs JTransforms");
        // JTransforms 5120 = 5·2^10 vs FFTW 4608 = 2^9·9 for at least 4097 points
        MsdAccumulator j2 = new MsdAccumulator(2049, 0.01, 2048, FftBackends.byChoice("jtransforms"));
        MsdAccumulator f2 = new MsdAccumulator(2049, 0.01, 2048, fftw);
        assertTrue(j2.fftLength() != f2.fftLength(), "lengths " + j2.fftLength() + ", " + f2.fftLength());
        assertThrows(IllegalArgumentException.class, () -> j2.merge(f2), "different FFT lengths do not merge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtransforms", "fftw"})
    void concurrentAccumulatorsShareNothingMutable(String backendName) throws Exception {
        FftBackend be = backend(backendName);
        Trajectory tr = Synthetic.randomWalks(new SplittableRandom(17), 8, 3000, 0.01, 0.5);
        MsdAccumulator ref = new MsdAccumulator(3000, 0.01, 2999, be);
        for (int a = 0; a < tr.atoms(); a++) {
            ref.add(tr.x(a), tr.y(a), tr.z(a));
        }
        double[] expected = ref.result().total();
        // same length on 4 threads at once: shared plans, per-accumulator buffers
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<double[]>> f = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                f.add(pool.submit(() -> {
                    MsdAccumulator acc = null;
                    for (int rep = 0; rep < 3; rep++) { // several accumulators per thread, each with its own buffers
                        acc = new MsdAccumulator(3000, 0.01, 2999, be);
                        for (int a = 0; a < tr.atoms(); a++) {
                            acc.add(tr.x(a), tr.y(a), tr.z(a));
                        }
                    }
                    return acc.result().total();
                }));
            }
            for (java.util.concurrent.Future<double[]> r : f) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtransforms", "fftw"})
    void floatInputMatchesDoubleInput(String backendName) {
        FftBackend be = backend(backendName);
        SplittableRandom rng = new SplittableRandom(7);
        int t = 1500;
        float[] x = new float[t];
        float[] y = new float[t];
        float[] z = new float[t];
        double[] xd = new double[t];
        double[] yd = new double[t];
        double[] zd = new double[t];
        for (int f = 1; f < t; f++) {
            x[f] = x[f - 1] + (float) rng.nextGaussian();
            y[f] = y[f - 1] + (float) rng.nextGaussian();
            z[f] = z[f - 1] + (float) rng.nextGaussian();
        }
        for (int f = 0; f < t; f++) {
            xd[f] = x[f];
            yd[f] = y[f];
            zd[f] = z[f];
        }
        MsdAccumulator af = new MsdAccumulator(t, 0.1, 700, be);
        af.add(x, y, z);
        assertClose(Synthetic.directMsd(xd, yd, zd, 700), af.result().total(), 1e-9, "float input");
    }

    /** The drift-relative float path is the subtracted double copy, bit for bit (the msd job relies on it). */
    @Test
    void addRelativeEqualsAddingTheSubtractedCopyBitForBit() {
        int t = 1500;
        SplittableRandom rng = new SplittableRandom(11);
        MsdAccumulator copied = new MsdAccumulator(t, 0.01, 700);
        MsdAccumulator relative = new MsdAccumulator(t, 0.01, 700);
        double[][] ref = new double[3][t];
        for (int c = 0; c < 3; c++) {
            for (int f = 1; f < t; f++) {
                ref[c][f] = ref[c][f - 1] + 0.01 * rng.nextGaussian();
            }
        }
        for (int atom = 0; atom < 7; atom++) {
            float[][] xyz = new float[3][t];
            double[][] w = new double[3][t];
            for (int c = 0; c < 3; c++) {
                xyz[c][0] = (float) (20 * rng.nextDouble());
                for (int f = 1; f < t; f++) {
                    xyz[c][f] = xyz[c][f - 1] + (float) (0.1 * rng.nextGaussian());
                }
                for (int f = 0; f < t; f++) {
                    w[c][f] = xyz[c][f] - ref[c][f];
                }
            }
            copied.add(w[0], w[1], w[2], atom % AtomGroups.COUNT);
            relative.addRelative(xyz[0], xyz[1], xyz[2], ref, atom % AtomGroups.COUNT);
        }
        MsdSums a = copied.sums();
        MsdSums b = relative.sums();
        assertEquals(a.atoms(), b.atoms());
        assertTrue(java.util.Arrays.equals(a.s1Packed(), b.s1Packed()), "s1 sums differ");
        assertTrue(java.util.Arrays.equals(a.rPacked(), b.rPacked()), "r sums differ");
        assertTrue(java.util.Arrays.equals(copied.result().total(), relative.result().total()), "MSD differs");
        assertTrue(relative.result().total()[700] > 0, "the walkers moved");
    }

    @Test
    void frameMajorLayoutIsTransposedCorrectly() {
        int nFrames = 4;
        int nAtoms = 2;
        float[] block = new float[nFrames * nAtoms * 3];
        for (int i = 0; i < block.length; i++) {
            block[i] = i;
        }
        Trajectory tr = Trajectory.fromFrameMajor(block, nFrames, nAtoms);
        // frame 2, atom 1, z -> (2*2 + 1)*3 + 2 = 17
        assertEquals(17.0, tr.z(1)[2]);
        assertEquals(3.0, tr.x(1)[0]);
    }

    @Test
    void uniformTimeGridIsAcceptedAndIrregularRefused() {
        double[] t = new double[100];
        for (int i = 0; i < t.length; i++) {
            t[i] = 5.0 + 0.002 * i;
        }
        assertEquals(0.002, TimeGrid.uniformStep(t), 1e-15);
        t[40] += 0.002 * 1e-3; // 1e-3 relative jitter in one step
        TimeGrid.IrregularGrid e = assertThrows(TimeGrid.IrregularGrid.class, () -> TimeGrid.uniformStep(t, "run r1"));
        assertTrue(e.getMessage().contains("run r1") && e.getMessage().contains("frame 40"), e.getMessage());
        assertEquals(39, e.frame(), "the frame before the first irregular step, as a value");
        double[] gap = {0.0, 0.1, 0.2, 0.4, 0.5};
        e = assertThrows(TimeGrid.IrregularGrid.class, () -> TimeGrid.uniformStep(gap));
        assertTrue(e.getMessage().contains("irregular frame spacing"), e.getMessage());
        assertEquals(0, e.frame(), "steps are compared with the mean step (0.125 ps here): the first one is off");
        double[] nan = {0.0, 0.1, Double.NaN, 0.3};
        assertEquals(2, assertThrows(TimeGrid.IrregularGrid.class, () -> TimeGrid.uniformStep(nan)).frame());
        double[] backwards = {0.3, 0.2, 0.1};
        assertEquals(-1, assertThrows(TimeGrid.IrregularGrid.class, () -> TimeGrid.uniformStep(backwards)).frame());
        double[] tiny = new double[100];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = 0.002 * i * (1 + (i % 2) * 1e-9); // within 1e-6 relative
        }
        assertEquals(0.002, TimeGrid.uniformStep(tiny), 1e-9);
    }
}
