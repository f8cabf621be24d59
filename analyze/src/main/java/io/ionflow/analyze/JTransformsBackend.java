package io.ionflow.analyze;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The default FFT backend: JTransforms' {@code realForward} / {@code realInverse} (BSD licence,
 * pure Java), power-of-two lengths (see {@link FftPlans#size}), plans cached per thread.
 */
final class JTransformsBackend implements FftBackend {
    static final JTransformsBackend INSTANCE = new JTransformsBackend();

    private JTransformsBackend() {}

    @Override
    public String name() {
        return "jtransforms";
    }

    @Override
    public int size(int min) {
        return FftPlans.size(min);
    }

    @Override
    public RealFft create(int n) {
        return new Transform(n, FftPlans.plan(n));
    }

    private static final class Transform implements RealFft {
        private final int n;
        private final DoubleFFT_1D fft;

        Transform(int n, DoubleFFT_1D fft) {
            this.n = n;
            this.fft = fft;
        }

        @Override
        public int length() {
            return n;
        }

        @Override
        public void addPower(double[] a, int len, double[] power, double weight) {
            Arrays.fill(a, len, n, 0.0);
            fft.realForward(a); // in place, packed: a[0] = X_0, a[1] = X_{n/2}, then re/im pairs
            power[0] += weight * a[0] * a[0];
            power[n / 2] += weight * a[1] * a[1];
            for (int k = 1, h = n / 2; k < h; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                power[k] += weight * (re * re + im * im);
            }
        }

        @Override
        public void inversePower(double[] power, double[] r) {
            double[] a = new double[n];
            a[0] = power[0];
            a[1] = power[n / 2];
            for (int k = 1, h = n / 2; k < h; k++) {
                a[2 * k] = power[k];
            }
            fft.realInverse(a, true);
            System.arraycopy(a, 0, r, 0, r.length);
        }
    }
}
