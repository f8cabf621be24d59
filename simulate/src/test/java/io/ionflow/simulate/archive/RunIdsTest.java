package io.ionflow.simulate.archive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunIdsTest {
    @Test
    void acceptsPathSafeIdsStartingWithALetter() {
        for (String id : new String[] {"r1", "Ag2Te_T500_v0.10_r2", "a-b.c_d", "R", "x".repeat(RunIds.MAX_LENGTH)}) {
            assertEquals(id, RunIds.requireValid(id), id);
        }
    }

    @Test
    void refusesUnsafeIdsWithAClearMessage() {
        String[] bad = {"", "1abc", "_r", ".r", "-r", "r/1", "r 1", "r=1", "r:1", "é1", "rä", "NaN", "Infinity",
                "x".repeat(RunIds.MAX_LENGTH + 1)};
        for (String id : bad) {
            assertFalse(RunIds.isValid(id), id);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunIds.requireValid(id));
            assertTrue(e.getMessage().startsWith("invalid run id '" + id + "': "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RunIds.requireValid(null));
    }
}
