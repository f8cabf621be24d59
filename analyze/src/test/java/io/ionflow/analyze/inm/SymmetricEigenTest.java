package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ionflow.simulate.structure.Structure;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

/**
 * LAPACK {@code dsyevd} (native when it loads, and always the pure-Java F2J translation) against EJML:
 * eigenvalues to 1e-9 relative to max|λ|, eigenvectors equal up to sign for non-degenerate eigenvalues and
 * equal spectral projectors for degenerate clusters, the same unstable count on real Hessians.
 */
class SymmetricEigenTest {
    static final double TOL = 1e-9;

    /** Random symmetric n×n, entries uniform in [−1, 1]. */
    static double[] randomSymmetric(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = 2 * r.nextDouble() - 1;
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        return a;
    }

    /** A random orthogonal n×n matrix (Q of the QR of a Gaussian matrix), optionally with given first columns. */
    static DMatrixRMaj randomOrthogonal(int n, long seed, double[][] firstColumns) {
        Random r = new Random(seed);
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            g.data[k] = r.nextGaussian();
        }
        for (int c = 0; c < firstColumns.length; c++) {
            for (int i = 0; i < n; i++) {
                g.set(i, c, firstColumns[c][i]);
            }
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        assertTrue(qr.decompose(g));
        return qr.getQ(null, false);
    }

    /** Q diag(λ) Qᵀ, row-major. */
    static double[] withSpectrum(DMatrixRMaj q, double[] lambda) {
        int n = lambda.length;
        DMatrixRMaj ql = q.copy();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                ql.data[i * n + k] *= lambda[k];
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(ql, q, a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (a.get(i, j) + a.get(j, i));
                a.set(i, j, m);
                a.set(j, i, m);
            }
        }
        return a.data;
    }

    /** Sorted values and the vectors (row k of the result) in the same order. */
    static double[][] sorted(SymmetricEigen.Result r, int n) {
        Integer[] idx = new Integer[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(r.values()[p], r.values()[q]));
        double[][] out = new double[n + 1][];
        out[0] = new double[n];
        for (int k = 0; k < n; k++) {
            out[0][k] = r.values()[idx[k]];
            if (r.vectors() != null) {
                out[k + 1] = Arrays.copyOfRange(r.vectors(), idx[k] * n, (idx[k] + 1) * n);
            }
        }
        return out;
    }

    /**
     * Compares two decompositions: values to TOL·max|λ|; within every cluster of eigenvalues closer than
     * 1e-6·max|λ|, the projectors Σ v vᵀ to 1e-7 (a single vector: |⟨v, w⟩| = 1 to 1e-7).
     */
    static void assertSame(double[][] x, double[][] y, int n, boolean vectors, String what) {
        double max = Math.max(Math.abs(x[0][0]), Math.abs(x[0][n - 1]));
        for (int k = 0; k < n; k++) {
            assertEquals(x[0][k], y[0][k], TOL * max, what + ": eigenvalue " + k);
        }
        if (!vectors) {
            return;
        }
        int start = 0;
        for (int k = 1; k <= n; k++) {
            if (k < n && x[0][k] - x[0][k - 1] < 1e-6 * max) {
                continue;
            }
            if (k - start == 1) {
                double d = 0;
                for (int i = 0; i < x[start + 1].length; i++) {
                    d += x[start + 1][i] * y[start + 1][i];
                }
                assertEquals(1.0, Math.abs(d), 1e-7, what + ": |<v, w>| of eigenvector " + start);
            } else {
                assertProjectorsEqual(x, y, n, start, k, what);
            }
            start = k;
        }
    }

    static void assertProjectorsEqual(double[][] x, double[][] y, int n, int from, int to, String what) {
        double worst = 0;
        int dim = x[from + 1].length; // 3N for modes (n = 3N − 3 of them)
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double px = 0, py = 0;
                for (int k = from; k < to; k++) {
                    px += x[k + 1][i] * x[k + 1][j];
                    py += y[k + 1][i] * y[k + 1][j];
                }
                worst = Math.max(worst, Math.abs(px - py));
            }
        }
        assertTrue(worst < 1e-7, what + ": projector of cluster " + from + ".." + (to - 1) + " differs by " + worst);
    }

    static void compare(SymmetricEigen lapack, double[] a, int n, String what) {
        for (boolean vectors : new boolean[] {false, true}) {
            double[][] x = sorted(lapack.decompose(a.clone(), n, vectors), n);
            double[][] y = sorted(EjmlEigen.DEFAULT.decompose(a.clone(), n, vectors), n);
            assertSame(x, y, n, vectors, what + (vectors ? " values+vectors" : " values"));
        }
    }

    /** A spectrum with three-fold and two-fold degenerate eigenvalues. */
    static double[] degenerateCase(int n, long seed) {
        double[] lambda = new double[n];
        Random r = new Random(seed);
        for (int k = 0; k < n; k++) {
            lambda[k] = 10 * r.nextDouble() - 2;
        }
        lambda[1] = lambda[2] = lambda[0];
        lambda[7] = lambda[6];
        return withSpectrum(randomOrthogonal(n, seed, new double[0][]), lambda);
    }

    static void checkAll(SymmetricEigen lapack) {
        for (int n : new int[] {1, 7, 60, 250}) {
            compare(lapack, randomSymmetric(n, 100 + n), n, lapack.name() + " random n=" + n);
        }
        compare(lapack, degenerateCase(80, 5), 80, lapack.name() + " degenerate n=80");
    }

    @Test
    void javaLapackEqualsEjmlOnRandomMatrices() {
        checkAll(LapackEigen.javaInstance());
    }

    @Test
    void nativeLapackEqualsEjmlOnRandomMatrices() {
        assumeTrue(LapackEigen.nativeAvailable(), "native LAPACK not loadable (install libopenblas0 / liblapack3): "
                + LapackEigen.nativeUnavailableReason());
        assertTrue(LapackEigen.nativeInstance().isNative());
        checkAll(LapackEigen.nativeInstance());
    }

    static void compareModes(SymmetricEigen lapack) {
        for (long seed : new long[] {21, 22}) {
            Structure s = InmFixtures.distorted(2, 6.57, 0.35, seed);
            Hessian h = Hessian.of(s, InmFixtures.ag2te());
            for (boolean vectors : new boolean[] {false, true}) {
                InstantaneousModes x = InstantaneousModes.compute(h, vectors, InstantaneousModes.DEFAULT_ZERO_TOLERANCE, lapack);
                InstantaneousModes y = InstantaneousModes.compute(h, vectors, InstantaneousModes.DEFAULT_ZERO_TOLERANCE, EjmlEigen.DEFAULT);
                int modes = x.modeCount();
                double[][] px = new double[modes + 1][], py = new double[modes + 1][];
                px[0] = x.eigenvalues();
                py[0] = y.eigenvalues();
                for (int k = 0; vectors && k < modes; k++) {
                    px[k + 1] = x.vector(k);
                    py[k + 1] = y.vector(k);
                }
                assertSame(px, py, modes, vectors, lapack.name() + " Ag2Te 96 atoms seed " + seed);
                assertTrue(x.unstableCount() > 10, "the test needs unstable modes");
                assertEquals(y.unstableCount(), x.unstableCount(), "unstable count");
                if (vectors) {
                    assertTrue(x.translationOverlapMin() > 1 - 1e-9 && x.maxInternalTranslationOverlap() < 1e-9);
                }
            }
        }
    }

    @Test
    void javaLapackModesEqualEjmlOnAg2TeHessians() {
        compareModes(LapackEigen.javaInstance());
    }

    @Test
    void nativeLapackModesEqualEjmlOnAg2TeHessians() {
        assumeTrue(LapackEigen.nativeAvailable(), "native LAPACK not loadable (install libopenblas0 / liblapack3): "
                + LapackEigen.nativeUnavailableReason());
        compareModes(LapackEigen.nativeInstance());
    }

    /** On linux-x86_64 the OpenBLAS shipped in the jar is what the native path loads (the platform jar is a dependency). */
    @Test
    void theBundledOpenBlasIsTheNativeLapackOnLinuxX86() throws java.io.IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the bundled OpenBLAS is built for linux-x86_64 only");
        assertTrue(LapackEigen.nativeAvailable(), "bundled OpenBLAS did not load: " + LapackEigen.nativeUnavailableReason());
        assertTrue(LapackEigen.nativeInstance().name().contains("bundled OpenBLAS"), LapackEigen.nativeInstance().name());
        LapackEigen.javaInstance().decompose(new double[] {2, 1, 1, 2}, 2, false); // touches dev.ludovic.netlib's loader
        LapackEigen.nativeInstance().decompose(new double[] {2, 1, 1, 2}, 2, false);
        String maps = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/maps"));
        assertTrue(maps.contains("org/bytedeco/openblas") && maps.contains("libopenblas.so.0"), "the bundled library is mapped");
        assertFalse(maps.contains("/liblapack.so.3"), "the system's liblapack.so.3 must not be bound (it was, when"
                + " JavaLAPACK was initialised before the library was chosen)");
    }

    /**
     * With the bundled library switched off, a fresh JVM falls back to the system's liblapack.so.3 and still agrees with
     * EJML on random matrices ({@link SystemLapackCheck}); skipped when the system has no LAPACK.
     */
    @Test
    void theSystemLapackIsTheFallback() throws Exception {
        assumeTrue(new java.io.File("/usr/lib/x86_64-linux-gnu/liblapack.so.3").exists(),
                "no system liblapack.so.3 (install libopenblas0 or liblapack3)");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dionflow.lapack.bundled=false", "-cp", System.getProperty("java.class.path"), SystemLapackCheck.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("lapack-native (system liblapack.so.3"), out);
    }

    @Test
    void choiceByName() {
        assertEquals("ejml", SymmetricEigen.byChoice("ejml").name());
        assertTrue(SymmetricEigen.byChoice("lapack").name().startsWith("lapack-"));
        SymmetricEigen auto = SymmetricEigen.byChoice("auto");
        assertEquals(LapackEigen.nativeAvailable(), auto instanceof LapackEigen, auto.name());
        try {
            SymmetricEigen.byChoice("mkl");
            throw new AssertionError("expected IllegalArgumentException");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("ionflow.eigen"));
        }
    }
}
