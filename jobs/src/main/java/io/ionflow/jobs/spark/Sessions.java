package io.ionflow.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The SparkSession of a job. Settings come from {@code spark-submit --conf}, {@code spark-defaults.conf}
 * or {@code -Dspark.*} system properties; the defaults applied here are {@code spark.master=local[*]}
 * (the embedded Spark of {@code java -jar}) when no master is set and, for a local master, {@code file:} paths
 * through {@link NioLocalFileSystem} unless {@code spark.hadoop.fs.file.impl} is set. An already active session (a test's, or
 * an earlier sub-command of the same {@code pipeline}) is reused.
 */
public final class Sessions {
    /**
     * The JVM flags Spark needs on Java 17, as Spark's own launcher passes them; for child JVMs started with a plain
     * {@code java -cp} (the jar's manifest applies its {@code Add-Opens} only to {@code java -jar}).
     */
    public static final List<String> JAVA17_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** The Hadoop setting of the {@code file:} file system, as a Spark setting ({@link NioLocalFileSystem}). */
    public static final String FILE_IMPL = "spark.hadoop.fs.file.impl";

    private Sessions() {}

    private static boolean createdHere;

    public static synchronized SparkSession get(String appName) {
        SparkSession active = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (active != null) return active;
        SparkConf conf = new SparkConf(true); // loads spark.* system properties (spark-submit sets them)
        SparkSession.Builder b = SparkSession.builder().appName(conf.get("spark.app.name", "ionflow " + appName));
        if (!conf.contains("spark.master")) {
            b.master("local[*]");
            if (!conf.contains("spark.ui.enabled")) b.config("spark.ui.enabled", "false");
            if (!conf.contains("spark.driver.host") && System.getenv("SPARK_LOCAL_IP") == null) {
                b.config("spark.driver.host", "127.0.0.1");
                b.config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (conf.get("spark.master", "local[*]").startsWith("local") && !conf.contains(FILE_IMPL)) {
            b.config(FILE_IMPL, NioLocalFileSystem.class.getName());
        }
        createdHere = true;
        return b.getOrCreate();
    }

    /** Stops the session if this process created it (the CLI calls this before exiting). */
    public static synchronized void stopIfCreated() {
        if (createdHere && SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
            createdHere = false;
        }
    }
}
