package io.ionflow.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The LAMMPS reference of {@code bench md}: the same cell and potential file in {@code lmp}, timed from its log. */
final class LammpsTiming {
    private LammpsTiming() {}

    /**
     * Runs LAMMPS; returns {atom-steps per wall second, atom-steps per CPU second} of its timed run (the CPU
     * figure from the "% CPU use" of its Performance line), NaN when LAMMPS is absent or failed.
     */
    static double[] run(String lmp, Path script, Path pot, int cells, double a, long steps) {
        if (!Files.isRegularFile(script)) {
            System.out.println("  LAMMPS   skipped: " + script + " not found");
            return NAN2;
        }
        List<String> cmd = List.of(lmp, "-in", script.toString(), "-log", "none", "-screen", "none",
                "-var", "pot", pot.toAbsolutePath().toString(), "-var", "n", String.valueOf(cells),
                "-var", "a", String.valueOf(a), "-var", "nsteps", String.valueOf(steps));
        Process p;
        try {
            Path out = Files.createTempFile("ionflow-lmp", ".log");
            List<String> c = new ArrayList<>(cmd);
            c.set(4, out.toString()); // -log FILE
            c.set(6, "none");
            p = new ProcessBuilder(c).redirectErrorStream(true).start();
            String text;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder sb = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) sb.append(line).append('\n');
                text = sb.toString();
            }
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.out.println("  LAMMPS   failed (exit " + p.exitValue() + "): " + text.lines().reduce((x, y) -> y).orElse(""));
                return NAN2;
            }
            String log = Files.readString(out) + text;
            Files.deleteIfExists(out);
            return parseLammpsLog(log);
        } catch (IOException e) {
            System.out.println("  LAMMPS   skipped: `" + lmp + "` not found (apt-get install lammps)");
            return NAN2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NAN2;
        }
    }

    private static final double[] NAN2 = {Double.NaN, Double.NaN};

    /** {atom-steps per wall second, per CPU second} of the last "Loop time" in a LAMMPS log (NaN if none). */
    static double[] parseLammpsLog(String log) {
        Matcher m = Pattern.compile("Loop time of ([0-9.eE+-]+) on (\\d+) procs for (\\d+) steps with (\\d+) atoms"
                + "(?:[\\s\\S]*?([0-9.]+)% CPU use)?").matcher(log);
        double[] best = NAN2.clone();
        while (m.find()) {
            best[0] = Long.parseLong(m.group(4)) * Long.parseLong(m.group(3)) / Double.parseDouble(m.group(1));
            best[1] = m.group(5) == null ? best[0] : best[0] / (Double.parseDouble(m.group(5)) / 100);
        }
        return best;
    }
}
