package io.ionflow.jobs.msd;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the progress of the Spark stages running while a step of a job is under way (tasks done of
 * the active stages, elapsed time, a linear ETA), every {@code periodSeconds}; silent for steps that
 * finish sooner.
 */
final class Progress implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    Progress(SparkSession spark, String label, PrintStream out, double periodSeconds) {
        long start = System.nanoTime();
        long period = (long) Math.max(100, periodSeconds * 1000);
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                int done = 0;
                int total = 0;
                for (int id : tracker.getActiveStageIds()) {
                    scala.Option<SparkStageInfo> info = tracker.getStageInfo(id);
                    if (info.isDefined()) {
                        done += info.get().numCompletedTasks();
                        total += info.get().numTasks();
                    }
                }
                double el = (System.nanoTime() - start) * 1e-9;
                String eta = done > 0 && total > done ? String.format(Locale.ROOT, ", stage ETA ~%.0f s", el * (total - done) / done) : "";
                out.printf(Locale.ROOT, "  %s: %d/%d tasks of the running stage(s), %.0f s elapsed%s%n", label, done, total, el, eta);
            }
        }, "ionflow-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
