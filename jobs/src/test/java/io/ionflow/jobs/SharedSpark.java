package io.ionflow.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM, shared by all test classes (the first session costs
 * seconds, later queries are fast): {@code local[2]}, no UI, 2 shuffle partitions. Created on first
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
                    .getOrCreate();
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "shared-spark-stop"));
        }
        return session;
    }
}
