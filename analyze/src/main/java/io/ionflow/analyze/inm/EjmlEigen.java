package io.ionflow.analyze.inm;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecomposition_DDRB_to_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * EJML's symmetric eigen-decomposition (Householder tridiagonalisation, implicit symmetric QR), on one
 * thread with the {@link InstantaneousModes.Solver} variant, or EJML's multi-threaded solver with
 * {@code threads > 1} (after {@link EjmlConcurrency#setMaxThreads(int)}, a JVM-wide setting).
 */
public final class EjmlEigen implements SymmetricEigen {
    /** One thread, {@link InstantaneousModes#DEFAULT_SOLVER}. */
    public static final EjmlEigen DEFAULT = new EjmlEigen(1, InstantaneousModes.DEFAULT_SOLVER);

    private final int threads;
    private final InstantaneousModes.Solver solver;

    /**
     * @param threads 1 for the serial solver, &gt; 1 for EJML's multi-threaded one
     * @param solver  single-thread variant
     */
    public EjmlEigen(int threads, InstantaneousModes.Solver solver) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.solver = solver;
    }

    @Override
    public String name() {
        return threads == 1 ? "ejml" : "ejml-mt" + threads;
    }

    @Override
    public Result decompose(double[] a, int n, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig;
        if (threads == 1) {
            eig = solver == InstantaneousModes.Solver.BLOCK_TRIDIAGONAL
                    ? new SymmetricQRAlgorithmDecomposition_DDRM(new TridiagonalDecomposition_DDRB_to_DDRM(), vectors)
                    : DecompositionFactory_DDRM.eig(n, vectors, true);
        } else {
            if (EjmlConcurrency.getMaxThreads() != threads) {
                EjmlConcurrency.setMaxThreads(threads);
            }
            eig = DecompositionFactory_MT_DDRM.eig(n, vectors, true);
        }
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("EJML symmetric eigen-decomposition did not converge (" + n + "×" + n + ")");
        }
        int count = eig.getNumberOfEigenvalues();
        double[] values = new double[count];
        double[] vec = vectors ? new double[count * n] : null;
        for (int k = 0; k < count; k++) {
            values[k] = eig.getEigenvalue(k).real;
            if (vectors) {
                System.arraycopy(eig.getEigenVector(k).data, 0, vec, k * n, n);
            }
        }
        return new Result(values, vec);
    }
}
