package io.ionflow.simulate.campaign;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ionflow.simulate.potential.PotentialStyles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A campaign file (JSON): temperatures × vacancy fractions × replicas of one system, with the
 * structure, force field, protocol and output settings shared by every run. See
 * {@code conf/campaigns/demo.json} for a commented example of every key; unknown keys are refused
 * so that a typo never silently changes a campaign.
 */
public final class Campaign {
    private static final Set<String> KEYS = Set.of("name", "system", "cation", "anion", "potential",
            "lattice_constant_a", "supercell", "temperatures_k", "vacancy_fractions", "replicas",
            "charge_neutral_vacancies", "timestep_fs", "equilibration", "production_ps", "frame_interval_ps",
            "frames_per_shard", "thermostat_tau_ps", "barostat", "neighbor_skin_a", "seed", "threads_per_run",
            "parallel_runs", "comment");

    private final String name;
    private final Path file;
    private final List<RunSpec> runs;
    private final int parallelRuns;

    private Campaign(String name, Path file, List<RunSpec> runs, int parallelRuns) {
        this.name = name;
        this.file = file;
        this.runs = List.copyOf(runs);
        this.parallelRuns = parallelRuns;
    }

    public String name() { return name; }
    public Path file() { return file; }
    public List<RunSpec> runs() { return runs; }
    public int parallelRuns() { return parallelRuns; }

    /** Reads and validates a campaign file; every problem is reported as one message naming the file and key. */
    public static Campaign read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CampaignException(file + ": campaign file not found");
        }
        JsonNode root;
        try {
            ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            root = m.readTree(file.toFile());
        } catch (IOException e) {
            throw new CampaignException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new CampaignException(file + ": expected a JSON object");
        return parse(root, file);
    }

    static Campaign parse(JsonNode root, Path file) {
        Reader r = new Reader(root, file);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) r.fail(k, "unknown key (known: " + new java.util.TreeSet<>(KEYS) + ")");
        }
        String name = r.text("name", "campaign");
        String system = r.text("system", "Ag2Te");
        String cation = r.text("cation", "Ag");
        String anion = r.text("anion", "Te");
        JsonNode pot = root.path("potential");
        if (!pot.isObject()) r.fail("potential", "required: {\"style\": \"vashishta\", \"file\": \"path\"}");
        String style = pot.path("style").asText("vashishta");
        if (!PotentialStyles.all().containsKey(style)) {
            r.fail("potential.style", "unknown style '" + style + "' (known: " + PotentialStyles.all().keySet() + ")");
        }
        Path potFile = potentialFile(r, file, pot, style, cation, anion);
        double a = r.positive("lattice_constant_a", Double.NaN);
        int[] cells = r.supercell();
        List<Double> temps = r.list("temperatures_k");
        for (double t : temps) if (!(t > 0)) r.fail("temperatures_k", "temperatures must be > 0 K, got " + t);
        r.distinct("temperatures_k", temps);
        List<Double> vacs = r.list("vacancy_fractions");
        for (double v : vacs) if (!(v >= 0 && v < 1)) r.fail("vacancy_fractions", "must be in [0, 1), got " + v);
        r.distinct("vacancy_fractions", vacs);
        int replicas = r.positiveInt("replicas", 1);
        boolean neutral = root.path("charge_neutral_vacancies").asBoolean(false);
        double dtFs = r.positive("timestep_fs", Double.NaN);
        JsonNode eq = root.path("equilibration");
        double npt = eq.path("npt_ps").asDouble(0), nvt = eq.path("nvt_ps").asDouble(0);
        if (npt < 0 || nvt < 0) r.fail("equilibration", "npt_ps and nvt_ps must be >= 0");
        double prod = r.positive("production_ps", Double.NaN);
        double frameDt = r.positive("frame_interval_ps", Double.NaN);
        if (Math.round(prod / frameDt) < 3) {
            r.fail("production_ps", String.format(java.util.Locale.ROOT, "%s ps stores %d frame(s) at frame_interval_ps %s;"
                    + " at least 3 frames are needed for any analysis", prod, Math.round(prod / frameDt), frameDt));
        }
        int perShard = r.positiveInt("frames_per_shard", 100);
        double tau = r.positive("thermostat_tau_ps", 0.5);
        JsonNode baro = root.path("barostat");
        double pGPa = baro.path("pressure_gpa").asDouble(0);
        double bTau = baro.path("tau_ps").asDouble(1.0);
        double beta = baro.path("compressibility_per_gpa").asDouble(0.025);
        if (!(bTau > 0) || !(beta > 0)) r.fail("barostat", "tau_ps and compressibility_per_gpa must be > 0");
        double skin = r.positive("neighbor_skin_a", 1.0);
        long seed = root.path("seed").asLong(12345);
        int threads = r.positiveInt("threads_per_run", 1);
        int parallel = r.positiveInt("parallel_runs", Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
        String memory = MemoryEstimate.campaignProblem(cells, Math.min(parallel, temps.size() * vacs.size() * replicas),
                Runtime.getRuntime().maxMemory());
        if (memory != null) r.fail("supercell", memory);

        List<RunSpec> runs = new ArrayList<>();
        for (double t : temps) {
            for (double v : vacs) {
                for (int rep = 0; rep < replicas; rep++) {
                    String id = RunSpec.makeRunId(system, t, v, rep);
                    long runSeed = mixSeed(seed, id);
                    RunSpec spec = new RunSpec(id, system, cation, anion, style, potFile.toString(), a, cells, t, v, neutral, rep,
                            runSeed, dtFs, npt, nvt, prod, frameDt, perShard, tau, bTau, pGPa, beta, skin, threads);
                    try {
                        spec.stepsPerFrame();
                    } catch (IllegalArgumentException e) {
                        r.fail("frame_interval_ps", e.getMessage());
                    }
                    runs.add(spec);
                }
            }
        }
        return new Campaign(name, file, runs, parallel);
    }

    /** The potential file, resolved and parsed once: every run would fail on the same file, so it is bad input now. */
    private static Path potentialFile(Reader r, Path file, JsonNode pot, String style, String cation, String anion) {
        String potPath = pot.path("file").asText(null);
        if (potPath == null) r.fail("potential.file", "required");
        Path potFile = resolve(file, potPath);
        if (Files.isDirectory(potFile)) {
            r.fail("potential.file", "'" + potPath + "' is a directory (" + potFile + "), not a potential file");
        }
        if (!Files.isRegularFile(potFile)) {
            r.fail("potential.file", "potential file '" + potPath + "' not found (looked at " + potFile + ")");
        }
        try {
            PotentialStyles.load(style, potFile, List.of(cation, anion));
        } catch (RuntimeException e) {
            r.fail("potential.file", e.getMessage());
        }
        return potFile;
    }

    /** A run's seed from the campaign seed and its id (SplitMix64 finaliser over a string hash). */
    static long mixSeed(long seed, String runId) {
        long z = seed * 0x9E3779B97F4A7C15L + runId.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    private static Path resolve(Path campaignFile, String p) {
        Path given = Path.of(p);
        if (given.isAbsolute()) return given;
        Path dir = campaignFile.toAbsolutePath().getParent();
        Path rel = dir.resolve(given).normalize();
        if (Files.exists(rel)) return rel;
        Path cwd = given.toAbsolutePath().normalize();
        return Files.exists(cwd) ? cwd : rel;
    }

    /** Reads typed values with one-line errors naming the file and key. */
    private record Reader(JsonNode root, Path file) {
        void distinct(String key, List<Double> values) {
            java.util.Set<Double> seen = new java.util.HashSet<>();
            for (double v : values) {
                if (!seen.add(v)) fail(key, v + " is listed twice (its runs would have the same run ids)");
            }
        }

        void fail(String key, String problem) {
            throw new CampaignException(file + ": " + key + ": " + problem);
        }

        String text(String key, String def) {
            JsonNode n = root.get(key);
            if (n == null) return def;
            if (!n.isTextual() || n.asText().isBlank()) fail(key, "must be a non-empty string");
            return n.asText();
        }

        double positive(String key, double def) {
            JsonNode n = root.get(key);
            if (n == null) {
                if (Double.isNaN(def)) fail(key, "required");
                return def;
            }
            if (!n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
                fail(key, "must be a number > 0, got " + n);
            }
            return n.asDouble();
        }

        int positiveInt(String key, int def) {
            JsonNode n = root.get(key);
            if (n == null) return def;
            if (!n.isInt() || n.asInt() < 1) fail(key, "must be an integer >= 1, got " + n);
            return n.asInt();
        }

        List<Double> list(String key) {
            JsonNode n = root.get(key);
            if (n == null || !n.isArray() || n.isEmpty()) fail(key, "required: a non-empty list of numbers");
            List<Double> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isNumber()) fail(key, "not a number: " + e);
                out.add(e.asDouble());
            }
            return out;
        }

        int[] supercell() {
            JsonNode n = root.get("supercell");
            if (n == null) fail("supercell", "required: n or [nx, ny, nz] conventional cells");
            if (n.isInt() && n.asInt() >= 1) return new int[] {n.asInt(), n.asInt(), n.asInt()};
            if (n.isArray() && n.size() == 3) {
                int[] c = new int[3];
                for (int k = 0; k < 3; k++) {
                    if (!n.get(k).isInt() || n.get(k).asInt() < 1) fail("supercell", "entries must be integers >= 1");
                    c[k] = n.get(k).asInt();
                }
                return c;
            }
            fail("supercell", "must be an integer >= 1 or [nx, ny, nz], got " + n);
            return null;
        }
    }
}
