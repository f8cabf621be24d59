package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The radix-5 step over power-of-two JTransforms transforms against JTransforms' own transform of the same length. */
class Radix5RealFftTest {

    private static double[] series(int n, int len, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < len; i++) {
            x[i] = rng.nextGaussian() + 3.0;
        }
        return x;
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {10, 20, 40, 50, 100, 160, 250, 2560, 5120, 25_600})
    void packedSpectrumEqualsJTransforms(int n) {
        double[] x = series(n, n, n);
        double[] expected = x.clone();
        new DoubleFFT_1D(n).realForward(expected);
        double[] actual = x.clone();
        new Radix5RealFft(n).forward(actual, 0, 1, actual);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * scale, "n=" + n + ", packed index " + i);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {10, 40, 2560, 20_480, 25_600})
    void powerOfZeroPaddedSeriesEqualsJTransforms(int n) {
        int len = n / 2 + 1;
        double[] x = series(n, len, 7L * n);
        double[] a = x.clone();
        new DoubleFFT_1D(n).realForward(a);
        double[] expected = new double[n / 2 + 1];
        expected[0] = 2 * a[0] * a[0];
        expected[n / 2] = 2 * a[1] * a[1];
        for (int k = 1; k < n / 2; k++) {
            expected[k] = 2 * (a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1]);
        }
        double[] power = new double[n / 2 + 1];
        double[] work = x.clone();
        work[n - 1] = 99.0; // beyond len: must be ignored (treated as zero)
        new Radix5RealFft(n).addPower(work, len, power, 2.0);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, v);
        }
        for (int k = 0; k <= n / 2; k++) {
            assertEquals(expected[k], power[k], 1e-13 * scale, "n=" + n + ", k=" + k);
        }
    }

    @Test
    void jtransformsLengthsAreTheShortestOfPowerOfTwoAndFiveOrTwentyFiveTimesPowerOfTwo() {
        assertEquals(20_480, JTransformsBackend.INSTANCE.size(19_999));
        assertEquals(204_800, JTransformsBackend.INSTANCE.size(199_999), "25·2^13: shorter than 2^18 and 5·2^16");
        assertEquals(131_072, JTransformsBackend.INSTANCE.size(99_999), "25·2^12 = 102 400 is below the nested minimum");
        assertEquals(409_600, JTransformsBackend.INSTANCE.size(400_000));
        assertEquals(32_768, JTransformsBackend.size(19_999, false));
        assertEquals(2_048, JTransformsBackend.INSTANCE.size(1_999));
        assertEquals(2_560, JTransformsBackend.INSTANCE.size(2_049));
        assertEquals(1_024, JTransformsBackend.INSTANCE.size(641), "no radix-5 step below " + JTransformsBackend.MIN_RADIX5);
        for (int min = 1; min < 500_000; min += 37) {
            int n = JTransformsBackend.INSTANCE.size(min);
            assertTrue(n >= min && n % 2 == 0 && Radix5RealFft.handles(n), "length " + n + " for " + min);
        }
        assertFalse(Radix5RealFft.handles(15));
    }
}
