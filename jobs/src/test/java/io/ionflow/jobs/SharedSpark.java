package io.ionflow.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM, shared by all test classes (the first session costs
 * seconds, later queries are fast): {@code local[2]}, no UI, 2 shuffle partitions, {@code file:} through
 * {@link io.ionflow.jobs.spark.NioLocalFileSystem} as {@code java -jar} has it. Created on first
 * use and stopped by a JVM shutdown hook; tests must not stop it themselves.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("ionflow-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config(io.ionflow.jobs.spark.Sessions.FILE_IMPL, io.ionflow.jobs.spark.NioLocalFileSystem.class.getName())
                    .getOrCreate();
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "shared-spark-stop"));
        }
        return session;
    }
}
