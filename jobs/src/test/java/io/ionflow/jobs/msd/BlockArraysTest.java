package io.ionflow.jobs.msd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockArraysTest {
    @Test
    void aGivenSetIsTakenAgainWhenLongEnoughAndNeverTwice() {
        float[][] first = BlockArrays.take(1000);
        assertEquals(3, first.length);
        assertTrue(first[0].length >= 1000 && first[1].length >= 1000 && first[2].length >= 1000);
        BlockArrays.give(first);
        float[][] again = BlockArrays.take(500);
        assertSame(first, again, "a kept set long enough is reused");
        float[][] other = BlockArrays.take(500);
        assertNotSame(first, other, "a set is handed to one task at a time");
        BlockArrays.give(again);
        float[][] longer = BlockArrays.take(2000);
        assertNotSame(first, longer, "a set too short is not reused");
        assertTrue(longer[0].length >= 2000);
        BlockArrays.give(longer);
        BlockArrays.give(other);
    }
}
