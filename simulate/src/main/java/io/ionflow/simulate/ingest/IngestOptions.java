package io.ionflow.simulate.ingest;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Ingest} needs besides the trajectory: the run's identity and condition (which text
 * trajectories do not record), timing, masses and shard size. Fluent setters; {@link #validate()}
 * checks everything before {@link Ingest} touches the archive. Only {@code runId} and
 * {@code temperatureK} are required.
 */
public final class IngestOptions {
    /** Default frames per shard. */
    public static final int DEFAULT_FRAMES_PER_SHARD = 100;

    private String runId;
    private double temperatureK = Double.NaN;
    private String system;
    private double vacancyFraction;
    private int replica;
    private double timestepFs = Double.NaN;
    private double frameIntervalPs = Double.NaN;
    private final Map<String, Double> masses = new LinkedHashMap<>();
    private int framesPerShard = DEFAULT_FRAMES_PER_SHARD;
    private double maxJumpFraction = Unwrapper.DEFAULT_MAX_JUMP_FRACTION;
    private PrintStream progress;
    private double progressSeconds = 10;

    /** The run id (see {@link io.ionflow.simulate.archive.RunIds}); re-ingesting an id replaces that run. */
    public IngestOptions runId(String v) { runId = v; return this; }

    /** Target temperature of the run, K (required: the archive's runs table records it). */
    public IngestOptions temperatureK(double v) { temperatureK = v; return this; }

    /** System name; default: the species with their reduced counts, e.g. {@code Ag2Te}. */
    public IngestOptions system(String v) { system = v; return this; }

    /** Fraction of anion sites left empty, in [0, 1); default 0. */
    public IngestOptions vacancyFraction(double v) { vacancyFraction = v; return this; }

    /** Replica index within the condition; default 0. */
    public IngestOptions replica(int v) { replica = v; return this; }

    /**
     * MD time step, fs. With step numbers in the file (LAMMPS), frame interval = step difference ×
     * time step. Default: frame interval ÷ step difference when the file has step numbers, else
     * unknown (the runs row gets a null {@code timestep_fs}; see {@link Ingest}).
     */
    public IngestOptions timestepFs(double v) { timestepFs = v; return this; }

    /** Time between frames, ps. Default: from the file's times or steps (see {@link Ingest}). */
    public IngestOptions frameIntervalPs(double v) { frameIntervalPs = v; return this; }

    /** Mass of a species, amu, overriding the standard mass. */
    public IngestOptions mass(String species, double amu) { masses.put(species, amu); return this; }

    /** Masses by species, amu, overriding the standard masses. */
    public IngestOptions masses(Map<String, Double> m) { if (m != null) masses.putAll(m); return this; }

    /** Frames per shard file; default {@value #DEFAULT_FRAMES_PER_SHARD}. */
    public IngestOptions framesPerShard(int v) { framesPerShard = v; return this; }

    /** Largest minimum-image move per frame when unwrapping, box lengths (see {@link Unwrapper}). */
    public IngestOptions maxJumpFraction(double v) { maxJumpFraction = v; return this; }

    /** Where to print progress lines (null: none), and how often. */
    public IngestOptions progress(PrintStream out, double everySeconds) {
        progress = out;
        progressSeconds = everySeconds;
        return this;
    }

    public String runId() { return runId; }
    public double temperatureK() { return temperatureK; }
    public String system() { return system; }
    public double vacancyFraction() { return vacancyFraction; }
    public int replica() { return replica; }
    /** NaN when not given. */
    public double timestepFs() { return timestepFs; }
    /** NaN when not given. */
    public double frameIntervalPs() { return frameIntervalPs; }
    public Map<String, Double> masses() { return Map.copyOf(masses); }
    public int framesPerShard() { return framesPerShard; }
    public double maxJumpFraction() { return maxJumpFraction; }
    public PrintStream progress() { return progress; }
    public double progressSeconds() { return progressSeconds; }

    /**
     * Checks every option.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    public IngestOptions validate() {
        io.ionflow.simulate.archive.RunIds.requireValid(runId);
        if (Double.isNaN(temperatureK)) {
            throw new IllegalArgumentException("run " + runId + ": the temperature is required (--temperature-k): the"
                    + " archive records each run's temperature and text trajectories do not");
        }
        if (!(temperatureK > 0) || !Double.isFinite(temperatureK)) {
            throw new IllegalArgumentException("run " + runId + ": temperature must be positive, got " + temperatureK + " K");
        }
        if (system != null && system.isBlank()) throw new IllegalArgumentException("run " + runId + ": system must not be blank");
        if (!(vacancyFraction >= 0 && vacancyFraction < 1)) {
            throw new IllegalArgumentException("run " + runId + ": vacancy fraction must be in [0, 1), got " + vacancyFraction);
        }
        if (replica < 0) throw new IllegalArgumentException("run " + runId + ": replica must be ≥ 0, got " + replica);
        if (!Double.isNaN(timestepFs) && !(timestepFs > 0 && Double.isFinite(timestepFs))) {
            throw new IllegalArgumentException("run " + runId + ": time step must be positive, got " + timestepFs + " fs");
        }
        if (!Double.isNaN(frameIntervalPs) && !(frameIntervalPs > 0 && Double.isFinite(frameIntervalPs))) {
            throw new IllegalArgumentException("run " + runId + ": frame interval must be positive, got " + frameIntervalPs + " ps");
        }
        for (Map.Entry<String, Double> e : masses.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) throw new IllegalArgumentException("mass given for a blank species name");
            Double m = e.getValue();
            if (m == null || !(m > 0) || !Double.isFinite(m)) {
                throw new IllegalArgumentException("mass of " + e.getKey() + " must be positive, got " + m + " amu");
            }
        }
        if (framesPerShard < 1) throw new IllegalArgumentException("frames per shard must be ≥ 1, got " + framesPerShard);
        if (!(maxJumpFraction > 0 && maxJumpFraction <= 0.5)) {
            throw new IllegalArgumentException("the largest jump must be in (0, 0.5] box lengths, got " + maxJumpFraction);
        }
        if (progress != null && !(progressSeconds > 0)) {
            throw new IllegalArgumentException("progress interval must be positive, got " + progressSeconds + " s");
        }
        return this;
    }
}
