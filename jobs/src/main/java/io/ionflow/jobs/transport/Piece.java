package io.ionflow.jobs.transport;

/**
 * Consecutive frames of one atom's series, cut from the frame-major rows of a shard by the first
 * pass ({@link FramePass}) and moved through the shuffle to the per-atom pass: far fewer records
 * than one per atom-frame. Payload: n floats of component 0, then n of component 1, then n of
 * component 2 (little-endian IEEE 754).
 */
final class Piece {
    private Piece() {}

    static byte[] pack(float[] a, float[] b, float[] c, int n) {
        byte[] out = new byte[12 * n];
        int k = 0;
        for (float[] s : new float[][] {a, b, c}) {
            for (int i = 0; i < n; i++) {
                int bits = Float.floatToRawIntBits(s[i]);
                out[k++] = (byte) bits;
                out[k++] = (byte) (bits >>> 8);
                out[k++] = (byte) (bits >>> 16);
                out[k++] = (byte) (bits >>> 24);
            }
        }
        return out;
    }

    static int frames(byte[] data) {
        return data.length / 12;
    }

    /** Unpacks component {@code comp} of a piece into {@code dst[offset..offset+n)}. */
    static void unpack(byte[] data, int comp, float[] dst, int offset) {
        int n = data.length / 12;
        int k = 4 * n * comp;
        for (int i = 0; i < n; i++, k += 4) {
            int bits = (data[k] & 0xff) | (data[k + 1] & 0xff) << 8 | (data[k + 2] & 0xff) << 16 | (data[k + 3] & 0xff) << 24;
            dst[offset + i] = Float.intBitsToFloat(bits);
        }
    }
}
