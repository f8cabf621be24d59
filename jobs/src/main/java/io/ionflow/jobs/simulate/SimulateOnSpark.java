package io.ionflow.jobs.simulate;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.campaign.MdRun;
import io.ionflow.simulate.campaign.RunListener;
import io.ionflow.simulate.campaign.RunResult;
import io.ionflow.simulate.campaign.RunSpec;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.SerializableWritable;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign as a Spark job: one task per run, each task running the same {@link MdRun} as the
 * multi-threaded mode and writing its shards, checkpoints and runs row straight to the archive (any
 * Hadoop file system the executors can reach). The potential file is read on the driver and shipped
 * as text, so executors need no access to the driver's conf/ directory. Results (and resumability)
 * are identical to the plain mode for the same seeds and thread counts.
 */
public final class SimulateOnSpark {
    private SimulateOnSpark() {}

    /** One run with everything an executor needs. */
    record Task(RunSpec spec, String potentialText, String potentialName) implements Serializable {}

    /** @param restartChanged restart runs whose campaign settings changed since they started */
    public static List<RunResult> run(SparkSession spark, String archiveUri, List<RunSpec> runs, boolean restartChanged)
            throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (RunSpec r : runs) {
            Path f = Path.of(r.potentialFile());
            tasks.add(new Task(r, Files.readString(f, StandardCharsets.UTF_8), f.getFileName().toString()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableWritable<org.apache.hadoop.conf.Configuration> conf = new SerializableWritable<>(jsc.hadoopConfiguration());
        jsc.setJobDescription("ionflow simulate: " + runs.size() + " runs -> " + archiveUri);
        return jsc.parallelize(tasks, Math.max(1, tasks.size())).map(t -> {
            RunSpec s = t.spec();
            try {
                Potential pot = PotentialStyles.style(s.potentialStyle()).parse(t.potentialText(), t.potentialName(),
                        List.of(s.cation(), s.anion()));
                return MdRun.run(Archive.at(archiveUri, conf.value()), s, pot, RunListener.NONE, restartChanged);
            } catch (Exception e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                return new RunResult(s.runId(), RunResult.Status.FAILED, msg, 0, 0, Double.NaN, Double.NaN, 0);
            }
        }).collect();
    }
}
