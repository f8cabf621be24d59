package io.ionflow.analyze.transport;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact framework sums: every float v is split into hi = floor(v·2⁸) and lo = floor(v·2⁴⁰) − hi·2³², checked
 * against exact decimal arithmetic for every magnitude and sign (and the floor-based formula where it is exact).
 */
class FrameStatsTest {
    @Test
    void addExactEqualsHiLo() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] special = {0f, -0f, 1f, -1f, Float.intBitsToFloat(0x807FFFFF), 8.3e6f, -8.3e6f, 1.1e-7f, -1.1e-7f, 1f / 256, -1f / 256, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-12f, -1e-12f,
                8388607.5f, -8388607.5f, 8388608f, -8388608f, 3e7f, -3e7f, 1e15f, -1e15f, 12.3456789f, -0.0039062f};
        long[] his = new long[1];
        long[] los = new long[1];
        for (int i = 0; i < 300_000 + special.length; i++) {
            float v = i < special.length ? special[i]
                    : (float) ((rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextDouble(-15, 9)) * rnd.nextDouble());
            his[0] = 0;
            los[0] = 0;
            FrameStats.addExact(his, los, 0, v);
            long[] range = new long[6];
            FrameStats.addExactRange(range, 0, new float[][] {{v}, {-v}, {v}}, 0, 1); // the integer fast path
            assertEquals(his[0], range[0], "range hi of " + v);
            assertEquals(los[0], range[1], "range lo of " + v);
            assertEquals(his[0], range[4], "range hi of z " + v);
            BigDecimal x = new BigDecimal(v); // exact value of the float
            BigInteger q = x.multiply(BigDecimal.valueOf(2).pow(40)).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            BigInteger h = x.multiply(BigDecimal.valueOf(256)).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            assertEquals(h.longValueExact(), his[0], "hi of " + v);
            assertEquals(q.subtract(h.shiftLeft(32)).longValueExact(), los[0], "lo of " + v);
            if (Math.abs(v) > 1e-6) {
                assertEquals(FrameStats.hi(v), his[0], "hi of " + v);
                assertEquals(FrameStats.lo(v, FrameStats.hi(v)), los[0], "lo of " + v);
            }
        }
    }
}
