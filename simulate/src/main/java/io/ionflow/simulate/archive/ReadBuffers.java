package io.ionflow.simulate.archive;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The byte buffers of one thread that reads shard files one after another ({@link ShardFile}), reused from row group
 * to row group and file to file: the buffers parquet-mr reads column chunks into (this is its
 * {@link ByteBufferAllocator}; they come back when {@link ShardFile} closes a decoded row group's pages) and the arrays
 * ZSTD pages are decompressed into ({@link #page}; {@link ColumnPages} gives a data page's array back once it has
 * decoded the page — a dictionary page is never given back, as the dictionary may point into it, and gets its own
 * array when small, {@link #SMALL_PAGE}), and the null flags and dictionary ids of a page ({@link ColumnPages}). Without
 * them a task allocated its run's compressed and uncompressed bytes anew, most of it as G1 humongous objects
 * (≈ 2.7 GB per round of {@code bench msd}).
 *
 * <p>Memory: at most {@value #KEEP} chunk buffers (parquet-mr's read allocation size each, 8 MiB by default) and
 * {@value #KEEP} page arrays (one page each, ≈ 1 MiB) are kept. Not thread-safe: one reading thread.
 */
public final class ReadBuffers implements ByteBufferAllocator {
    private static final int KEEP = 8;
    /**
     * Pages smaller than this (bytes) get their own array, outside the kept ones: dictionary pages are (a run's frame
     * numbers, times, species names), and as they are never given back each one took a kept array for good.
     */
    static final int SMALL_PAGE = 16 * 1024;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final ArrayDeque<byte[]> pages = new ArrayDeque<>();
    /** Pages made by {@link #page} and not given back (compared by identity), the most recent last. */
    private final List<Lent> lent = new ArrayList<>();
    private boolean[] nullFlags = new boolean[0];
    private int[] ids = new int[0];

    @Override
    public ByteBuffer allocate(int size) {
        for (Iterator<ByteBuffer> it = chunks.iterator(); it.hasNext(); ) {
            ByteBuffer b = it.next();
            if (b.capacity() >= size) {
                it.remove();
                b.clear().limit(size);
                return b;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(withHeadroom(size));
        b.limit(size);
        return b;
    }

    /**
     * The capacity of a new buffer or page array: {@code size} rounded up to a quarter of its highest power of two
     * (at most 33 % more). The chunks and pages of a run differ a little in size, and unwrapped positions often
     * compress a little worse from shard to shard; allocated at exactly their size, each slightly larger chunk found
     * no kept buffer to fit and was allocated anew.
     */
    static int withHeadroom(int size) {
        if (size < 1024) {
            return size;
        }
        int step = Integer.highestOneBit(size) >> 2;
        long rounded = ((long) size + step - 1) / step * step;
        return (int) Math.min(rounded, Integer.MAX_VALUE - 8);
    }

    @Override
    public void release(ByteBuffer b) {
        for (ByteBuffer kept : chunks) {
            if (kept == b) {
                return; // released twice: kept once, never handed out to two readers
            }
        }
        if (!b.isDirect() && chunks.size() < KEEP) {
            chunks.push(b);
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /**
     * The decompressed bytes of one page: {@code size} bytes at the start of a reused or new array, written by
     * {@code fill} (which throws when it cannot write exactly {@code size} bytes).
     */
    BytesInput page(int size, Fill fill) throws java.io.IOException {
        if (size < SMALL_PAGE) {
            byte[] small = new byte[size];
            fill.into(small);
            return BytesInput.from(small, 0, size);
        }
        byte[] out = null;
        for (Iterator<byte[]> it = pages.iterator(); it.hasNext(); ) {
            byte[] p = it.next();
            if (p.length >= size) {
                it.remove();
                out = p;
                break;
            }
        }
        if (out == null) {
            out = new byte[withHeadroom(size)];
        }
        fill.into(out);
        BytesInput page = BytesInput.from(out, 0, size);
        if (lent.size() == 2 * KEEP) {
            lent.remove(0); // a dictionary page's: never given back
        }
        lent.add(new Lent(page, out));
        return page;
    }

    /**
     * The null flags of one data page's rows, cleared: the first {@code rows} entries of an array reused from page to
     * page (a page's flags are read before the next page is decoded; pages are decoded one column at a time).
     */
    boolean[] nullFlags(int rows) {
        if (nullFlags.length < rows) {
            nullFlags = new boolean[rows];
        } else {
            Arrays.fill(nullFlags, 0, rows, false);
        }
        return nullFlags;
    }

    /** The dictionary-id array kept for the next column (see {@link #keepIds}). */
    int[] ids() {
        return ids;
    }

    /** Keeps the dictionary-id array a column decoded into (possibly grown), for the next column. */
    void keepIds(int[] a) {
        ids = a;
    }

    /** Writes a page's bytes into an array. */
    interface Fill {
        void into(byte[] out) throws java.io.IOException;
    }

    /** Gives back the array behind a decoded data page, if {@link #page} made the page. */
    void recycle(BytesInput page) {
        for (int i = lent.size() - 1; i >= 0; i--) {
            if (lent.get(i).page == page) {
                byte[] a = lent.remove(i).array;
                if (pages.size() < KEEP) {
                    pages.push(a);
                }
                return;
            }
        }
    }

    private record Lent(BytesInput page, byte[] array) {}
}
