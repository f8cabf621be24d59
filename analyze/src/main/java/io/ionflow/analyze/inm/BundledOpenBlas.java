package io.ionflow.analyze.inm;

import java.io.File;

/**
 * The OpenBLAS library (with its LAPACK) that ships inside ionflow.jar through {@code org.bytedeco:openblas}: JavaCPP
 * extracts it from the jar into its cache ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}) and
 * loads it; {@link LapackEigen} then points {@code dev.ludovic.netlib}'s native LAPACK at the same file. It is the
 * OpenBLAS release NumPy bundles (0.3.31), whose {@code dsyevd} is 2–3× faster on this hardware than Debian 12's
 * 0.3.21 (docs/benchmarks.md). Threads: OpenBLAS's own, {@code OPENBLAS_NUM_THREADS}.
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
}
