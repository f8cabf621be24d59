package io.ionflow.simulate.archive;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The dictionary ids of a data page, decoded in bulk: the page's values are one byte of bit width followed by
 * Parquet's RLE / bit-packing hybrid runs (the format parquet-mr's {@code RunLengthBitPackingHybridDecoder} reads one
 * value at a time). An RLE run becomes one {@code Arrays.fill}-like loop, a bit-packed run is unpacked from a 64-bit
 * window. Ids beyond the dictionary are the caller's check (the id tables are arrays).
 */
final class DictionaryIds {
    private DictionaryIds() {}

    /**
     * Decodes {@code n} ids from {@code page} (positioned at the bit-width byte) into {@code ids}, which is returned,
     * or a larger array when it is too small.
     */
    static int[] read(ByteBuffer page, int n, int[] ids) throws IOException {
        int[] out = ids != null && ids.length >= n ? ids : new int[n];
        int pos = page.position();
        int end = page.limit();
        if (pos >= end) {
            throw new IOException("dictionary-encoded page has no bit width");
        }
        int width = page.get(pos++) & 0xFF;
        if (width > 32) {
            throw new IOException("dictionary ids of " + width + " bits");
        }
        int done = 0;
        while (done < n) {
            long header = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= end || shift > 28) {
                    throw new IOException("dictionary ids end after " + done + " of " + n + " values");
                }
                int b = page.get(pos++);
                header |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            pos = (header & 1) == 0 ? repeated(page, pos, end, width, (int) (header >>> 1), out, done, n)
                    : packed(page, pos, end, width, (int) (header >>> 1), out, done, n);
            done = Math.min(n, done + ((header & 1) == 0 ? (int) (header >>> 1) : 8 * (int) (header >>> 1)));
        }
        return out;
    }

    /** An RLE run: {@code count} times one value stored in ⌈width/8⌉ little-endian bytes; returns the next position. */
    private static int repeated(ByteBuffer page, int pos, int end, int width, int count, int[] out, int from, int n)
            throws IOException {
        int bytes = (width + 7) / 8;
        if (pos + bytes > end || count <= 0) {
            throw new IOException("damaged RLE run of dictionary ids");
        }
        int value = 0;
        for (int k = 0; k < bytes; k++) {
            value |= (page.get(pos + k) & 0xFF) << (8 * k);
        }
        int to = (int) Math.min(n, (long) from + count);
        for (int i = from; i < to; i++) {
            out[i] = value;
        }
        return pos + bytes;
    }

    /** A bit-packed run of {@code groups} × 8 values, least significant bit first; returns the next position. */
    private static int packed(ByteBuffer page, int pos, int end, int width, int groups, int[] out, int from, int n)
            throws IOException {
        long bytes = (long) groups * width;
        if (groups <= 0 || pos + bytes > end) {
            throw new IOException("damaged bit-packed run of dictionary ids");
        }
        int to = (int) Math.min(n, (long) from + 8L * groups);
        long mask = (1L << width) - 1;
        long window = 0;
        int bits = 0;
        int at = pos;
        for (int i = from; i < to; i++) {
            while (bits < width) {
                window |= (page.get(at++) & 0xFFL) << bits;
                bits += 8;
            }
            out[i] = (int) (window & mask);
            window >>>= width;
            bits -= width;
        }
        return (int) (pos + bytes);
    }
}
