package io.ionflow.analyze.inm;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;

/**
 * LAPACK {@code dsyevd} (divide and conquer; {@code jobz = "V"} with vectors, {@code "N"} values only)
 * through {@code dev.ludovic.netlib:lapack}. The native variant calls the OpenBLAS bundled in the jar
 * ({@link BundledOpenBlas}), else the system's LAPACK (OpenBLAS or the reference liblapack3, whichever
 * {@code liblapack.so.3} resolves to), else a library the user names with {@code -Ddev.ludovic.netlib.lapack.nativeLibPath};
 * threads are OpenBLAS's own, {@code OPENBLAS_NUM_THREADS}. The Java variant is the F2J translation of the reference
 * Fortran.
 *
 * <p>Layout: LAPACK is column-major. A symmetric matrix is its own transpose, so the row-major array is
 * passed unchanged; on return column k of the column-major result (entries {@code k·n … k·n + n − 1})
 * is eigenvector k, i.e. row k of the same array read row-major, as {@link SymmetricEigen.Result} wants.
 * Eigenvalues come back ascending.
 */
public final class LapackEigen implements SymmetricEigen {
    private final LAPACK lapack;
    private final String name;

    private LapackEigen(LAPACK lapack, String kind) {
        this(lapack, kind, lapack.getClass().getSimpleName());
    }

    private LapackEigen(LAPACK lapack, String kind, String library) {
        this.lapack = lapack;
        this.name = "lapack-" + kind + " (" + library + ")";
    }

    /** @return true if the native LAPACK loads in this JVM */
    public static boolean nativeAvailable() {
        return Holder.NATIVE != null;
    }

    /** @return why the native LAPACK did not load, or null if it did */
    public static String nativeUnavailableReason() {
        return Holder.ERROR == null ? null : Holder.ERROR.toString();
    }

    /**
     * @return the native solver
     * @throws IllegalStateException if the native LAPACK does not load
     */
    public static LapackEigen nativeInstance() {
        if (Holder.NATIVE == null) {
            throw new IllegalStateException("native LAPACK not available (install libopenblas0 or liblapack3): "
                    + Holder.ERROR, Holder.ERROR);
        }
        return Holder.NATIVE;
    }

    /** @return the pure-Java (F2J) solver, always available */
    public static LapackEigen javaInstance() {
        return Holder.JAVA;
    }

    /** @return the LAPACK instance behind this solver */
    public LAPACK lapack() {
        return lapack;
    }

    /** @return true for the native LAPACK */
    public boolean isNative() {
        return lapack instanceof NativeLAPACK;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result decompose(double[] a, int n, boolean vectors) {
        String jobz = vectors ? "V" : "N";
        double[] w = new double[n];
        double[] wq = new double[1];
        int[] iq = new int[1];
        intW info = new intW(0);
        lapack.dsyevd(jobz, "L", n, a, Math.max(1, n), w, wq, -1, iq, -1, info); // workspace query
        check(info, "dsyevd workspace query", n);
        int lwork = (int) Math.ceil(wq[0]);
        int liwork = Math.max(1, iq[0]);
        lapack.dsyevd(jobz, "L", n, a, Math.max(1, n), w, new double[Math.max(1, lwork)], lwork,
                new int[liwork], liwork, info);
        check(info, "dsyevd", n);
        return new Result(w, vectors ? a : null);
    }

    private static void check(intW info, String what, int n) {
        if (info.val != 0) {
            throw new IllegalStateException("LAPACK " + what + " failed (" + n + "×" + n + "), info = " + info.val);
        }
    }

    /** Loads the LAPACK instances once, on first need. */
    private static final class Holder {
        /**
         * Chosen before anything of dev.ludovic.netlib is touched: even {@code JavaLAPACK.getInstance()} initialises the
         * native loader, which then binds the system's liblapack.so.3 for the rest of the JVM's life.
         */
        private static final String LIBRARY = chooseLibrary();
        static final LapackEigen NATIVE;
        static final Throwable ERROR;
        static final LapackEigen JAVA = new LapackEigen(JavaLAPACK.getInstance(), "java");

        static {
            LapackEigen nat = null;
            Throwable err = null;
            try {
                LAPACK l = NativeLAPACK.getInstance();
                if (l instanceof NativeLAPACK) {
                    nat = new LapackEigen(l, "native", LIBRARY);
                } else {
                    err = new IllegalStateException("NativeLAPACK.getInstance() returned " + l.getClass().getName());
                }
            } catch (Throwable t) { // RuntimeException / UnsatisfiedLinkError when no liblapack.so.3
                err = t;
            }
            NATIVE = nat;
            ERROR = err;
        }

        /**
         * Points dev.ludovic.netlib's native LAPACK at the OpenBLAS bundled in the jar unless the user chose a library
         * ({@value #LIB_PATH}); when the bundled one does not load, the system's {@code liblapack.so.3} is used.
         *
         * @return which library, for the log and the bench lines
         */
        private static String chooseLibrary() {
            String given = System.getProperty(LIB_PATH);
            if (given != null) return given;
            try {
                System.setProperty(LIB_PATH, BundledOpenBlas.load());
                return "bundled OpenBLAS 0.3.31, " + BundledOpenBlas.threads();
            } catch (RuntimeException | LinkageError e) {
                return "system liblapack.so.3 (bundled OpenBLAS: " + e.getMessage() + ")";
            }
        }
    }

    /** dev.ludovic.netlib's system property naming the native LAPACK library file. */
    static final String LIB_PATH = "dev.ludovic.netlib.lapack.nativeLibPath";
}
