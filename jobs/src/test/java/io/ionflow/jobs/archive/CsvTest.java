package io.ionflow.jobs.archive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one CSV writer of the jobs: RFC 4180 quoting, NaN and null empty, numbers as Java prints them. */
class CsvTest {
    @Test
    void quotesOnlyWhatNeedsIt() {
        String text = new Csv("run_id", "note", "d")
                .row("a", "plain", 1.5e-5)
                .row("b", "x, y", Double.NaN)
                .row("c", "say \"hi\"", null)
                .row("d", "two\nlines", Double.POSITIVE_INFINITY)
                .row("e", 7, Double.NEGATIVE_INFINITY)
                .toString();
        assertEquals("run_id,note,d\n"
                + "a,plain,1.5E-5\n"
                + "b,\"x, y\",\n"
                + "c,\"say \"\"hi\"\"\",\n"
                + "d,\"two\nlines\",Infinity\n"
                + "e,7,-Infinity\n", text);
    }
}
