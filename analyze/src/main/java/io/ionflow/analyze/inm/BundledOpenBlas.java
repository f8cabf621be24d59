package io.ionflow.analyze.inm;

import java.io.File;

/**
 * The OpenBLAS library (with its LAPACK) that ships inside ionflow.jar through {@code org.bytedeco:openblas}: JavaCPP
 * extracts it from the jar into its cache ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}) and
 * loads it; {@link LapackEigen} then points {@code dev.ludovic.netlib}'s native LAPACK at the same file. It is the
 * OpenBLAS release NumPy bundles (0.3.31), whose {@code dsyevd} is 2–3× faster on this hardware than Debian 12's
 * 0.3.21 (docs/benchmarks.md).
 *
 * <p>Threads: one per call unless {@code OPENBLAS_NUM_THREADS} says otherwise. IonFlow runs many decompositions side by
 * side (Spark tasks over runs, threads over snapshots), and OpenBLAS's own threads then only compete for the same cores:
 * on this 2-core machine under load a 1500² {@code dsyevd} took 2.2 s of wall time on OpenBLAS's default 2 threads and
 * 0.75–0.86 s on one.
 */
final class BundledOpenBlas {
    private BundledOpenBlas() {}

    /** System property: {@code false} skips the bundled library (the system's liblapack.so.3 is then tried). */
    static final String PROPERTY = "ionflow.lapack.bundled";

    /**
     * @return the path of the extracted and loaded {@code libopenblas.so.0}
     * @throws IllegalStateException (or a linkage error) when the bundled library is disabled, absent for this
     *                               platform, or does not load
     */
    static String load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            throw new IllegalStateException("the bundled OpenBLAS is disabled (-D" + PROPERTY + "=false)");
        }
        String jni = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
        File lib = new File(new File(jni).getParentFile(), "libopenblas.so.0");
        if (!lib.isFile()) throw new IllegalStateException("bundled OpenBLAS loaded from " + jni + " but " + lib + " is missing");
        return lib.getPath();
    }

    /**
     * Sets OpenBLAS to one thread unless the user chose a count with {@code OPENBLAS_NUM_THREADS}.
     *
     * @return the thread policy in force, for the log
     */
    static String threads() {
        String given = System.getenv("OPENBLAS_NUM_THREADS");
        if (given != null) return "OPENBLAS_NUM_THREADS=" + given;
        org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads(1);
        return "1 thread per call (set OPENBLAS_NUM_THREADS to change)";
    }
}
