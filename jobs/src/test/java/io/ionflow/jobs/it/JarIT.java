package io.ionflow.jobs.it;

import io.ionflow.jobs.TestConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar as a user runs it: `java -jar jobs/target/ionflow.jar …` with no JVM flags. */
class JarIT {

    static Path jar() {
        Path p = Path.of("target", "ionflow.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(p), "the shaded jar must be built by `package` first: " + p);
        return p;
    }

    static Result java(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + cmd);
        return new Result(p.exitValue(), Files.readString(log));
    }

    record Result(int code, String out) {}

    @Test
    void helpOnEverySubCommand(@TempDir Path dir) throws Exception {
        Result top = java(dir, "--help");
        assertEquals(0, top.code(), top.out());
        List<String> checked = new ArrayList<>();
        for (String sub : subCommands(top.out())) {
            Result r = java(dir, sub, "--help");
            assertEquals(0, r.code(), sub + " --help: " + r.out());
            assertTrue(r.out().contains("Usage: ionflow " + sub), r.out());
            checked.add(sub);
            for (String nested : subCommands(r.out())) { // e.g. bench md, bench msd, bench archive
                Result n = java(dir, sub, nested, "--help");
                assertEquals(0, n.code(), sub + " " + nested + " --help: " + n.out());
                assertTrue(n.out().contains("Usage: ionflow " + sub + " " + nested), n.out());
                checked.add(sub + " " + nested);
            }
        }
        assertTrue(checked.size() >= 3, "sub-commands found in --help: " + checked);
        assertTrue(checked.contains("bench archive"), "bench archive is listed and has --help: " + checked);
    }

    /** The sub-command names listed under "Commands:" in a picocli usage text (without `help`). */
    static List<String> subCommands(String usage) {
        boolean inCommands = false;
        List<String> subs = new ArrayList<>();
        for (String line : usage.lines().toList()) {
            if (line.startsWith("Commands:")) { inCommands = true; continue; }
            if (!inCommands || !line.startsWith("  ") || line.startsWith("   ")) continue; // sub-command names sit at 2 spaces
            String t = line.trim();
            if (t.isEmpty()) continue;
            String sub = t.split("\\s+")[0];
            if (!sub.equals("help")) subs.add(sub);
        }
        return subs;
    }

    @Test
    void simulateWithTheJarAndNoJvmFlags(@TempDir Path dir) throws Exception {
        Path campaign = TestConf.tinyCampaign(dir);
        Result r = java(dir, "simulate", "--campaign", campaign.toString(), "--archive", dir.resolve("a").toString(), "--runs", "T500_vac0.000");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("1 done"), r.out());
        assertTrue(!r.out().contains("ERROR") && !r.out().contains("Exception"), "clean output: " + r.out());
        Result bad = java(dir, "simulate", "--campaign", dir.resolve("missing.json").toString(), "--archive", "x");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.out().contains("campaign file not found") && !bad.out().contains("\tat "), bad.out());
    }
}
