package io.ionflow.jobs.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback, made from the Spark classes inside the shaded jar: one
 * Master and one Worker JVM (org.apache.spark.deploy.master.Master / worker.Worker). The Worker starts
 * executors from {@code $SPARK_HOME/jars}, so SPARK_HOME is a temporary folder whose jars/ holds the
 * shaded jar. Processes are stopped by their own ids in {@link #close()}.
 */
final class StandaloneCluster implements AutoCloseable {

    final Path dir;
    final Path jar;
    final int port;
    private final Process master;
    private final Process worker;

    StandaloneCluster(Path dir, Path jar, int cores) throws Exception {
        this.dir = dir;
        this.jar = jar;
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createSymbolicLink(home.resolve("jars").resolve("ionflow.jar"), jar);
        port = freePort();
        master = start("master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        await(dir.resolve("master.log"), "I have been elected leader", master);
        worker = start("worker", "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", "2g",
                "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work").toString(), url());
        await(dir.resolve("worker.log"), "Successfully registered with master", worker);
    }

    String url() { return "spark://127.0.0.1:" + port; }

    Map<String, String> env() {
        return Map.of("SPARK_HOME", dir.resolve("spark-home").toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1");
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
        cmd.addAll(io.ionflow.jobs.spark.Sessions.JAVA17_FLAGS);
        cmd.addAll(List.of("-cp", jar.toString(), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env());
        return pb.start();
    }

    /** Runs spark-submit (the SparkSubmit class) against this cluster; returns its exit code. */
    int submit(Path log, String mainClass, String... appArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g"));
        cmd.addAll(io.ionflow.jobs.spark.Sessions.JAVA17_FLAGS);
        cmd.addAll(List.of("-cp", jar.toString(), "org.apache.spark.deploy.SparkSubmit",
                "--master", url(), "--deploy-mode", "client", "--class", mainClass,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.sql.shuffle.partitions=4", jar.toString()));
        cmd.addAll(List.of(appArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit timed out; log: " + Files.readString(log));
        }
        return p.exitValue();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void await(Path log, String text, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            if (!p.isAlive()) throw new AssertionError("process died: " + Files.readString(log));
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' not seen in " + log + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        for (Process p : new Process[] {worker, master}) {
            if (p == null) continue;
            ProcessHandle h = p.toHandle();
            h.descendants().forEach(ProcessHandle::destroyForcibly); // executors started by the worker
            h.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
