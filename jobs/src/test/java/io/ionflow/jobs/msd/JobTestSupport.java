package io.ionflow.jobs.msd;

import io.ionflow.analyze.Trajectory;
import io.ionflow.jobs.Main;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the transport job tests. */
public final class JobTestSupport {
    private JobTestSupport() {}

    /** Exit code and captured standard output and error of one CLI call. */
    public record Run(int rc, String out, String err) {}

    /** Runs the CLI capturing stdout and stderr (also echoed, for the test log). */
    public static synchronized Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        oldOut.print(o);
        oldOut.print(e);
        return new Run(rc, o, e);
    }

    /** All rows of a table, as sorted strings (for equality checks). */
    public static List<String> table(SparkSession spark, String path) {
        List<String> rows = new ArrayList<>();
        for (Row r : spark.read().parquet(path).collectAsList()) {
            rows.add(r.toString());
        }
        rows.sort(null);
        return rows;
    }

    /** Positions and velocities of a run read back with the archive reader, as doubles: {pos, vel}. */
    public static Trajectory[] readRun(Archive a, String runId, int atoms, int frames) throws Exception {
        double[][][] p = new double[3][atoms][frames];
        double[][][] v = new double[3][atoms][frames];
        for (int shard : a.shardIndices(runId)) {
            FrameShard s = FrameShardReader.read(a, runId, shard);
            s.validate();
            int[] fr = s.frames();
            int[] at = s.atoms();
            float[] pos = s.positions();
            float[] vel = s.velocities();
            for (int i = 0; i < fr.length; i++) {
                for (int c = 0; c < 3; c++) {
                    p[c][at[i]][fr[i]] = pos[3 * i + c];
                    v[c][at[i]][fr[i]] = vel == null ? 0 : vel[3 * i + c];
                }
            }
        }
        return new Trajectory[] {new Trajectory(p[0], p[1], p[2]), new Trajectory(v[0], v[1], v[2])};
    }
}
