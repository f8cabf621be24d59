package io.ionflow.analyze;

/**
 * Zero-padded FFT autocorrelation of real series of fixed length, the shared engine of the MSD
 * and VACF kernels. The FFT length {@code n ≥ nFrames + maxLag} makes the circular correlation
 * equal to the linear one for every lag up to {@code maxLag}.
 *
 * <p>Power spectra are kept in compact form ({@code |X_k|²}, k = 0..n/2). Because the inverse
 * transform is linear, callers sum the power spectra of many atoms and invert once; the per-atom
 * cost is then one real forward FFT per component. The FFT library is an {@link FftBackend}
 * ({@link FftBackends}: JTransforms, or FFTW when present), fixed at construction.
 * Not thread-safe (one instance per thread).
 */
final class Correlator {
    final int nFrames;
    final int maxLag;
    final int n;
    /** Work buffer of length n: callers write the (shifted) series into [0, nFrames). */
    final double[] work;
    private final FftBackend.RealFft fft;
    private final String backend;

    Correlator(int nFrames, int maxLag) {
        this(nFrames, maxLag, FftBackends.current());
    }

    Correlator(int nFrames, int maxLag, FftBackend backend) {
        if (nFrames < 1) {
            throw new IllegalArgumentException("need at least one frame, got " + nFrames);
        }
        if (maxLag < 0 || maxLag > nFrames - 1) {
            throw new IllegalArgumentException(
                    "maxLag must be in [0, nFrames-1] = [0, " + (nFrames - 1) + "], got " + maxLag);
        }
        this.nFrames = nFrames;
        this.maxLag = maxLag;
        this.n = backend.size(nFrames + maxLag);
        this.work = new double[n];
        this.fft = backend.create(n);
        this.backend = backend.name();
    }

    int powerLength() {
        return n / 2 + 1;
    }

    /** @return the FFT backend's name */
    String backend() {
        return backend;
    }

    void load(double[] s, double shift) {
        check(s.length);
        for (int i = 0; i < nFrames; i++) {
            work[i] = s[i] - shift;
        }
    }

    void load(float[] s, double shift) {
        check(s.length);
        for (int i = 0; i < nFrames; i++) {
            work[i] = s[i] - shift;
        }
    }

    private void check(int len) {
        if (len != nFrames) {
            throw new IllegalArgumentException(
                    "series has " + len + " frames, accumulator expects " + nFrames);
        }
    }

    /** Transforms the loaded series (zero-padded to n) and adds {@code weight·|X_k|²} to {@code power}. */
    void accumulatePower(double[] power, double weight) {
        fft.addPower(work, nFrames, power, weight);
    }

    /**
     * Inverse transform of a compact power spectrum: returns r[m] = Σ_k x_k·x_{k+m} (summed over
     * whatever was accumulated) for m = 0..maxLag.
     */
    double[] lagSums(double[] power) {
        double[] r = new double[maxLag + 1];
        lagSums(power, r);
        return r;
    }

    /** As {@link #lagSums(double[])}, into {@code r} (length maxLag + 1). */
    void lagSums(double[] power, double[] r) {
        fft.inversePower(power, r);
    }
}
