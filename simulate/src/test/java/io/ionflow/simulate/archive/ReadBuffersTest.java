package io.ionflow.simulate.archive;

import org.apache.parquet.bytes.BytesInput;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link ReadBuffers} hands a buffer out again only after it came back, and only one that it made: a page that is
 * still being read (or a dictionary's page, never given back) is never overwritten. The decoding through reused
 * buffers is checked against parquet-mr's record reader in {@code ShardFileTest}.
 */
class ReadBuffersTest {
    private static byte[] array(BytesInput page) throws java.io.IOException {
        return page.toByteBuffer().array();
    }

    private static BytesInput page(ReadBuffers b, int size, byte value) throws Exception {
        return b.page(size, out -> Arrays.fill(out, 0, size, value));
    }

    /** A page size above {@link ReadBuffers#SMALL_PAGE}, where page arrays are kept. */
    private static final int S = ReadBuffers.SMALL_PAGE;

    @Test
    void aPageArrayIsReusedOnlyAfterItCameBack() throws Exception {
        ReadBuffers b = new ReadBuffers();
        BytesInput first = page(b, S + 100, (byte) 1);
        BytesInput held = page(b, S + 100, (byte) 2); // never given back
        assertNotSame(array(first), array(held));
        b.recycle(first);
        BytesInput second = page(b, S + 60, (byte) 3);
        assertSame(array(first), array(second), "the array given back is reused for a page that fits");
        assertEquals(S + 60, second.size());
        byte[] want = new byte[S + 60];
        Arrays.fill(want, (byte) 3);
        assertArrayEquals(want, second.toByteArray());
        BytesInput third = page(b, S + 100, (byte) 4);
        assertNotSame(array(second), array(third), "an array still lent is not handed out");
        assertNotSame(array(held), array(third), "an array never given back is not handed out");
        byte[] heldBytes = new byte[S + 100];
        Arrays.fill(heldBytes, (byte) 2);
        assertArrayEquals(heldBytes, held.toByteArray(), "the held page is untouched");
    }

    @Test
    void foreignPagesAndSmallArraysAreNotReused() throws Exception {
        ReadBuffers b = new ReadBuffers();
        byte[] foreign = new byte[S + 100];
        b.recycle(BytesInput.from(foreign)); // not made here: ignored
        b.recycle(null);
        assertNotSame(foreign, array(page(b, S + 50, (byte) 0)));
        BytesInput small = page(b, S + 10, (byte) 0);
        b.recycle(small);
        b.recycle(small); // twice: kept once
        BytesInput big = page(b, 2 * S, (byte) 0);
        assertNotSame(array(small), array(big), "too short to reuse");
        assertSame(array(small), array(page(b, S + 10, (byte) 0)));
        assertNotSame(array(small), array(page(b, S + 10, (byte) 0)), "given back once, handed out once");
    }

    /**
     * A page under {@link ReadBuffers#SMALL_PAGE} (a dictionary page, never given back) gets its own exact array and
     * leaves the kept arrays to the data pages: before, each row group's dictionaries took kept arrays for good, and
     * the data pages after them were decompressed into new arrays.
     */
    @Test
    void smallPagesLeaveTheKeptArraysAlone() throws Exception {
        ReadBuffers b = new ReadBuffers();
        BytesInput data = page(b, S + 500, (byte) 1);
        b.recycle(data);
        BytesInput dictionary = page(b, 200, (byte) 5);
        assertEquals(200, array(dictionary).length, "an exact array of its own");
        assertNotSame(array(data), array(dictionary));
        byte[] want = new byte[200];
        Arrays.fill(want, (byte) 5);
        assertArrayEquals(want, dictionary.toByteArray());
        assertSame(array(data), array(page(b, S + 400, (byte) 2)), "the kept array is still there for a data page");
    }

    /** Null flags and dictionary ids are one array each, reused and (the flags) cleared for the next page. */
    @Test
    void nullFlagsComeBackClearedAndIdsAreKept() {
        ReadBuffers b = new ReadBuffers();
        boolean[] flags = b.nullFlags(10);
        Arrays.fill(flags, true);
        boolean[] again = b.nullFlags(8);
        assertSame(flags, again);
        for (int i = 0; i < 8; i++) {
            assertEquals(false, again[i], "flag " + i + " cleared");
        }
        assertEquals(12, b.nullFlags(12).length, "grown for a longer page");
        int[] ids = new int[40];
        b.keepIds(ids);
        assertSame(ids, b.ids());
    }

    /**
     * Chunks that grow a little from row group to row group (unwrapped positions compress a little worse in later
     * shards) still find the buffer given back: a new buffer has room for up to a third more.
     */
    @Test
    void slightlyLargerChunksReuseTheBufferGivenBack() throws Exception {
        ReadBuffers b = new ReadBuffers();
        ByteBuffer first = b.allocate(5_384_260);
        int[] growing = {5_408_897, 5_422_777, 5_500_000, 6_000_000};
        for (int size : growing) {
            b.release(first);
            ByteBuffer next = b.allocate(size);
            assertSame(first, next, "a chunk of " + size + " B");
            assertEquals(size, next.remaining());
        }
        b.release(first);
        assertNotSame(first, b.allocate(8_000_000), "beyond the headroom: a new buffer");
        assertEquals(6_291_456, ReadBuffers.withHeadroom(5_384_260), "6 MiB");
        assertEquals(1 << 23, ReadBuffers.withHeadroom(1 << 23), "a power of two stays as it is");
        assertEquals(1000, ReadBuffers.withHeadroom(1000), "small requests are not rounded");
        BytesInput page = page(b, 300_000, (byte) 7);
        b.recycle(page);
        assertSame(array(page), array(page(b, 310_000, (byte) 8)), "the same for page arrays");
    }

    @Test
    void chunkBuffersComeBackWithTheRequestedLimit() {
        ReadBuffers b = new ReadBuffers();
        ByteBuffer first = b.allocate(1000);
        assertEquals(1000, first.remaining());
        first.position(1000);
        b.release(first);
        ByteBuffer again = b.allocate(600);
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(600, again.limit());
        ByteBuffer larger = b.allocate(2000);
        assertNotSame(first, larger);
        assertEquals(2000, larger.remaining());
        b.release(ByteBuffer.allocateDirect(10)); // not ours to keep: a heap allocator never hands out direct buffers
        assertEquals(false, b.allocate(10).isDirect());
        b.release(again);
        b.release(again); // twice: handed out once only
        assertSame(again, b.allocate(100));
        assertNotSame(again, b.allocate(100));
    }
}
