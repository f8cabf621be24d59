package io.ionflow.simulate.potential.nep;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public NEP models and their independent reference energies, forces and virials in
 * {@code ../shared/nep/} next to the repository (or {@code $IONFLOW_SHARED/nep}); tests skip with a
 * message when the directory is absent.
 */
final class SharedNep {
    private SharedNep() {}

    static Path dir() {
        String env = System.getenv("IONFLOW_SHARED");
        List<Path> candidates = new ArrayList<>();
        if (env != null) candidates.add(Path.of(env, "nep"));
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) candidates.add(p.resolve("shared").resolve("nep"));
        for (Path c : candidates) {
            if (Files.isDirectory(c) && Files.exists(c.resolve("README.md"))) return c;
        }
        Assumptions.assumeTrue(false, "NEP reference directory ../shared/nep not found (set IONFLOW_SHARED); skipping");
        return null;
    }

    static String model(String name) throws IOException {
        return Files.readString(dir().resolve(name));
    }

    /** One reference structure: species, cell (rows a, b, c), positions, energy, forces, virial (9). */
    record Ref(String tag, List<String> species, double[] cell, double[] positions, double energy, double[] forces,
               double[] virial) {}

    static List<Ref> references(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve(file));
        List<Ref> out = new ArrayList<>();
        int k = 0;
        while (k < lines.size() && !lines.get(k).isBlank()) {
            int n = Integer.parseInt(lines.get(k).trim());
            String h = lines.get(k + 1);
            List<String> sp = new ArrayList<>();
            double[] x = new double[3 * n], f = new double[3 * n];
            for (int i = 0; i < n; i++) {
                String[] t = lines.get(k + 2 + i).trim().split("\\s+");
                sp.add(t[0]);
                for (int d = 0; d < 3; d++) {
                    x[3 * i + d] = Double.parseDouble(t[1 + d]);
                    f[3 * i + d] = Double.parseDouble(t[4 + d]);
                }
            }
            out.add(new Ref(value(h, "config_type"), sp, numbers(value(h, "Lattice")), x,
                    Double.parseDouble(value(h, "energy")), f, numbers(value(h, "virial"))));
            k += n + 2;
        }
        return out;
    }

    private static String value(String header, String key) {
        int at = header.indexOf(key + "=");
        if (at < 0) return null;
        int from = at + key.length() + 1;
        if (header.charAt(from) == '"') {
            return header.substring(from + 1, header.indexOf('"', from + 1));
        }
        int end = header.indexOf(' ', from);
        return header.substring(from, end < 0 ? header.length() : end);
    }

    private static double[] numbers(String s) {
        String[] t = s.trim().split("\\s+");
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) v[i] = Double.parseDouble(t[i]);
        return v;
    }
}
