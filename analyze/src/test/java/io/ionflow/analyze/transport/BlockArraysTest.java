package io.ionflow.analyze.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool is the JVM's: sizes far above those of the other tests' runs keep this test independent of them. */
class BlockArraysTest {
    private static final int N = 1 << 21;

    @Test
    void aGivenSetIsTakenAgainWhenLongEnoughAndNeverTwice() {
        float[][] first = BlockArrays.take(N);
        assertEquals(3, first.length);
        assertTrue(first[0].length >= N && first[1].length >= N && first[2].length >= N);
        BlockArrays.give(first);
        float[][] again = BlockArrays.take(N / 2);
        assertSame(first, again, "a kept set long enough is reused");
        float[][] other = BlockArrays.take(N / 2);
        assertNotSame(first, other, "a set is handed to one task at a time");
        BlockArrays.give(again);
        float[][] longer = BlockArrays.take(2 * N);
        assertNotSame(first, longer, "a set too short is not reused");
        assertTrue(longer[0].length >= 2 * N);
        BlockArrays.give(longer);
        BlockArrays.give(other);
    }
}
