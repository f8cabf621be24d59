package io.ionflow.jobs.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A full disk deep inside a Spark task's exception chain becomes one line naming what was being written. */
class DiskFullMessageTest {
    @Test
    void theInnermostFullDeviceMessageIsShown() {
        Exception spark = new RuntimeException("Job aborted due to stage failure: task 0 failed\n\tat …",
                new IOException("file:/a/analysis/.staging-1/msd/run_id=R/part-0.parquet: write failed",
                        new IOException("No space left on device")));
        assertEquals("no space left on device (file:/a/analysis/.staging-1/msd/run_id=R/part-0.parquet: write failed)",
                ExitCodes.diskFull(spark));
        Exception ours = new IOException("no space left on device while writing file:/a/frames/run_id=R/part-00001.parquet;"
                + " the shards committed before it are kept", new IOException("No space left on device"));
        assertEquals(ours.getMessage(), ExitCodes.diskFull(ours));
    }
}
