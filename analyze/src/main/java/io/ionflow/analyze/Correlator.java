package io.ionflow.analyze;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Zero-padded FFT autocorrelation of real series of fixed length, the shared engine of the MSD,
 * VACF and VDOS kernels. The FFT length {@code n ≥ nFrames + maxLag} makes the circular
 * correlation equal to the linear one for every lag up to {@code maxLag}.
 *
 * <p>Power spectra are kept in compact form ({@code |X_k|²}, k = 0..n/2). Because the inverse
 * transform is linear, callers sum the power spectra of many atoms and invert once; the per-atom
 * cost is then one real forward FFT per component. Not thread-safe (one instance per thread).
 */
final class Correlator {
    final int nFrames;
    final int maxLag;
    final int n;
    /** Work buffer of length n: after {@link #load} the (shifted) series followed by zeros. */
    final double[] work;
    private final DoubleFFT_1D fft;

    Correlator(int nFrames, int maxLag) {
        if (nFrames < 1) {
            throw new IllegalArgumentException("need at least one frame, got " + nFrames);
        }
        if (maxLag < 0 || maxLag > nFrames - 1) {
            throw new IllegalArgumentException(
                    "maxLag must be in [0, nFrames-1] = [0, " + (nFrames - 1) + "], got " + maxLag);
        }
        this.nFrames = nFrames;
        this.maxLag = maxLag;
        this.n = FftPlans.size(nFrames + maxLag);
        this.work = new double[n];
        this.fft = FftPlans.plan(n);
    }

    int powerLength() {
        return n / 2 + 1;
    }

    void load(double[] s, double shift) {
        check(s.length);
        for (int i = 0; i < nFrames; i++) {
            work[i] = s[i] - shift;
        }
        java.util.Arrays.fill(work, nFrames, n, 0.0);
    }

    void load(float[] s, double shift) {
        check(s.length);
        for (int i = 0; i < nFrames; i++) {
            work[i] = s[i] - shift;
        }
        java.util.Arrays.fill(work, nFrames, n, 0.0);
    }

    private void check(int len) {
        if (len != nFrames) {
            throw new IllegalArgumentException(
                    "series has " + len + " frames, accumulator expects " + nFrames);
        }
    }

    /** Transforms the loaded buffer in place and adds {@code weight·|X_k|²} to {@code power}. */
    void accumulatePower(double[] power, double weight) {
        double[] a = work;
        fft.realForward(a);
        power[0] += weight * a[0] * a[0];
        power[n / 2] += weight * a[1] * a[1];
        for (int k = 1, h = n / 2; k < h; k++) {
            double re = a[2 * k];
            double im = a[2 * k + 1];
            power[k] += weight * (re * re + im * im);
        }
    }

    /**
     * Inverse transform of a compact power spectrum: returns r[m] = Σ_k x_k·x_{k+m} (summed over
     * whatever was accumulated) for m = 0..maxLag. Overwrites {@link #work}.
     */
    double[] lagSums(double[] power) {
        double[] a = work;
        a[0] = power[0];
        a[1] = power[n / 2];
        for (int k = 1, h = n / 2; k < h; k++) {
            a[2 * k] = power[k];
            a[2 * k + 1] = 0.0;
        }
        fft.realInverse(a, true);
        double[] r = new double[maxLag + 1];
        System.arraycopy(a, 0, r, 0, maxLag + 1);
        return r;
    }
}
