package io.ionflow.simulate.archive;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The bulk decoder of dictionary ids against parquet-mr's own encoder: long runs (RLE), short runs and random ids
 * (bit-packed, a last group padded), every bit width a dictionary can have up to 20 bits.
 */
class DictionaryIdsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 9, 13, 16, 17, 20})
    void decodesWhatParquetEncodes(int width) throws IOException {
        SplittableRandom rnd = new SplittableRandom(width);
        int n = 10_007;
        int[] ids = new int[n];
        int max = width == 0 ? 0 : (1 << width) - 1;
        for (int i = 0; i < n; ) {
            int run = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(300) : 1 + rnd.nextInt(3);
            int v = max == 0 ? 0 : rnd.nextInt(max + 1);
            for (int k = 0; k < run && i < n; k++, i++) {
                ids[i] = rnd.nextInt(3) == 0 && max > 0 ? rnd.nextInt(max + 1) : v;
            }
        }
        assertArrayEquals(ids, Arrays.copyOf(DictionaryIds.read(page(width, ids), n, new int[5]), n));
    }

    @Test
    void aPageCutShortIsAnError() throws IOException {
        int[] ids = new int[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 7;
        }
        ByteBuffer whole = page(3, ids);
        ByteBuffer cut = whole.duplicate();
        cut.limit(whole.limit() / 2);
        assertThrows(IOException.class, () -> DictionaryIds.read(cut, ids.length, null));
    }

    /** A data page's value bytes: the bit width, then the hybrid runs. */
    private static ByteBuffer page(int width, int[] ids) throws IOException {
        try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                HeapByteBufferAllocator.getInstance())) {
            for (int id : ids) {
                e.writeInt(id);
            }
            byte[] runs = e.toBytes().toByteArray();
            ByteBuffer b = ByteBuffer.allocate(runs.length + 1);
            b.put((byte) width).put(runs).flip();
            return b;
        }
    }
}
