package io.ionflow.analyze.inm;

import java.util.Locale;

/**
 * A dense symmetric eigen-solver: all eigenvalues, optionally with the orthonormal eigenvectors, of a
 * real symmetric n×n matrix stored row-major in a {@code double[n·n]}. Units are those of the matrix
 * (eV/(Å²·amu) for the mass-weighted Hessian).
 *
 * <p>Implementations: {@link EjmlEigen} (pure Java, EJML's Householder tridiagonalisation + implicit QR)
 * and {@link LapackEigen} (LAPACK {@code dsyevd} through {@code dev.ludovic.netlib:lapack}: the system's
 * native LAPACK, e.g. OpenBLAS or liblapack3, when it loads, else its pure-Java F2J translation).
 *
 * <p>System property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (default): native LAPACK if it loads, otherwise EJML (the Java LAPACK translation
 *       is slower than EJML, so it is never chosen automatically);</li>
 *   <li>{@code lapack}: LAPACK, native if it loads, else the Java translation;</li>
 *   <li>{@code ejml}: EJML.</li>
 * </ul>
 * The choice is made once, at first use, and logged once (logger {@code io.ionflow.analyze.eigen},
 * INFO, {@code IonFlow eigen backend: …}), like the FFT backend.
 */
public interface SymmetricEigen {
    /** System property selecting the eigen backend: auto, lapack or ejml. */
    String PROPERTY = "ionflow.eigen";

    /**
     * Eigenvalues and (optionally) eigenvectors.
     *
     * @param values  the n eigenvalues, in the solver's order (ascending for LAPACK, unordered for EJML)
     * @param vectors row-major n×n, row k = unit eigenvector of {@code values[k]}; null if values only
     */
    record Result(double[] values, double[] vectors) {}

    /** @return a short name, e.g. {@code lapack-native (JNILAPACK)} or {@code ejml} */
    String name();

    /**
     * Decomposes a symmetric matrix.
     *
     * @param a       row-major n×n symmetric matrix; overwritten (used as workspace)
     * @param n       the order
     * @param vectors also compute the eigenvectors
     * @return the eigen-decomposition
     * @throws IllegalStateException if the solver does not converge
     */
    Result decompose(double[] a, int n, boolean vectors);

    /**
     * The backend chosen by {@value #PROPERTY} (read once; logged once).
     *
     * @return the default solver
     */
    static SymmetricEigen current() {
        return Selection.current();
    }

    /**
     * The backend for a choice, without changing the default.
     *
     * @param choice {@code auto}, {@code lapack} or {@code ejml}
     * @return the solver (EJML on one thread with its factory solver for {@code ejml})
     * @throws IllegalArgumentException for any other value
     */
    static SymmetricEigen byChoice(String choice) {
        switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
                return EjmlEigen.DEFAULT;
            case "lapack":
                return LapackEigen.nativeAvailable() ? LapackEigen.nativeInstance() : LapackEigen.javaInstance();
            case "auto":
                return LapackEigen.nativeAvailable() ? LapackEigen.nativeInstance() : EjmlEigen.DEFAULT;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, lapack or ejml, got '" + choice + "'");
        }
    }

    /** Holder of the once-made default choice. */
    final class Selection {
        private static final System.Logger LOG = System.getLogger("io.ionflow.analyze.eigen");
        private static volatile SymmetricEigen current;

        private Selection() {}

        static SymmetricEigen current() {
            SymmetricEigen e = current;
            if (e == null) {
                synchronized (Selection.class) {
                    e = current;
                    if (e == null) {
                        String choice = System.getProperty(PROPERTY, "auto");
                        e = byChoice(choice);
                        LOG.log(System.Logger.Level.INFO, "IonFlow eigen backend: {0} ({1}={2})", e.name(), PROPERTY, choice);
                        current = e;
                    }
                }
            }
            return e;
        }
    }
}
