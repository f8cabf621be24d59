package io.ionflow.simulate;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelTest {

    @Test
    void everyItemRunsExactlyOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel par = new Parallel(threads)) {
                for (int n : new int[] {0, 1, 63, 64, 1000, 1501}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    par.forRange(n, (from, to) -> { for (int i = from; i < to; i++) seen.incrementAndGet(i); });
                    for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "forRange item " + i + ", " + threads + " threads");
                    AtomicIntegerArray tasks = new AtomicIntegerArray(n);
                    par.forTasks(n, (from, to) -> { for (int i = from; i < to; i++) tasks.incrementAndGet(i); });
                    for (int i = 0; i < n; i++) assertEquals(1, tasks.get(i), "forTasks item " + i + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAndThePoolStaysUsable() {
        try (Parallel par = new Parallel(2)) {
            for (int round = 0; round < 20; round++) {
                int bad = 37 + round;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> par.forTasks(100, (from, to) -> {
                    if (from <= bad && bad < to) throw new IllegalArgumentException("chunk " + bad);
                }));
                assertEquals("chunk " + bad, e.getMessage());
            }
            AtomicIntegerArray seen = new AtomicIntegerArray(500);
            par.forRange(500, (from, to) -> { for (int i = from; i < to; i++) seen.incrementAndGet(i); });
            for (int i = 0; i < 500; i++) assertEquals(1, seen.get(i));
        }
    }
}
