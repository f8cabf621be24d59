package io.ionflow.analyze.transport;

import org.junit.jupiter.api.Test;

import java.lang.ref.SoftReference;
import java.lang.reflect.Field;
import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool behind the read buffers, block arrays and kernel workspaces: what it gives back, how many it keeps, and
 * that an object the collector has freed (its soft reference cleared, as under memory pressure) is never handed out
 * — the caller then allocates anew.
 */
class SoftPoolTest {
    private static final int KEEP = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Test
    void keptObjectsAreHandedOutOnceAndOnlyIfTheyFit() {
        SoftPool<int[]> pool = new SoftPool<>();
        int[] a = new int[10];
        pool.give(a);
        assertNull(pool.take(x -> x.length >= 20), "too short: not handed out (and let go)");
        assertNull(pool.take(x -> true), "let go by the take that did not fit");
        pool.give(a);
        assertSame(a, pool.take(x -> x.length >= 10));
        assertNull(pool.take(x -> true), "handed out once");
    }

    @Test
    void atMostOnePerProcessorIsKept() {
        SoftPool<int[]> pool = new SoftPool<>();
        for (int i = 0; i <= KEEP; i++) {
            pool.give(new int[i + 1]);
        }
        int n = 0;
        while (pool.take(x -> true) != null) {
            n++;
        }
        assertEquals(KEEP, n);
    }

    @Test
    void anObjectFreedByTheCollectorIsNotHandedOut() throws Exception {
        SoftPool<int[]> pool = new SoftPool<>();
        pool.give(new int[3]);
        kept(pool).peekFirst().clear(); // what the collector does when memory runs short
        assertNull(pool.take(x -> x.length >= 0), "a freed object is not handed out (nor tested)");
        assertTrue(kept(pool).isEmpty(), "and its reference is dropped");
        int[] next = new int[5];
        pool.give(next);
        assertSame(next, pool.take(x -> x.length == 5), "the pool works on afterwards");
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<SoftReference<int[]>> kept(SoftPool<int[]> pool) throws ReflectiveOperationException {
        Field f = SoftPool.class.getDeclaredField("free");
        f.setAccessible(true);
        return (ArrayDeque<SoftReference<int[]>>) f.get(pool);
    }
}
