package io.ionflow.simulate.ingest;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunReplacement;
import io.ionflow.simulate.archive.RunsTableWriter;
import io.ionflow.simulate.structure.Elements;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a {@link TrajectorySource} into a trajectory archive as one run (DESIGN.md, "Trajectory
 * archive"): frame shards of {@link IngestOptions#framesPerShard()} frames, then the runs row.
 * Streams: one frame is in memory at a time.
 *
 * <p><b>Checks</b> (each failure a {@link TrajectoryFormatException} naming file, line and frame):
 * the same atom count and the same species per atom in every frame; a constant box (the archive
 * stores one cell per run, so NPT trajectories are refused); evenly spaced frames (no gaps,
 * increasing steps and times); wrapped positions are unwrapped by {@link Unwrapper}, which refuses
 * an atom that moves too far between frames.
 *
 * <p><b>Time.</b> The frame interval is, in order: {@link IngestOptions#frameIntervalPs()} when
 * given; else the file's times ({@code Time=} of extended XYZ, in fs; LAMMPS {@code ITEM: TIME});
 * else the step difference of the first two frames × {@link IngestOptions#timestepFs()} (LAMMPS
 * steps; the dump does not record the time step). A file from which the interval cannot be known
 * (a LAMMPS dump without {@code ITEM: TIME}, an extended XYZ file without {@code Time=}, neither
 * option given) is refused: no time step is assumed. When several of these are available they must
 * agree within 0.1 % of the interval. Frame {@code f} gets {@code time_ps} = f × interval when the
 * interval is given, else its time (or step × time step) minus frame 0's.
 *
 * <p>{@code timestep_fs} (the MD time step) is recorded only when it is known: the given time step,
 * else interval ÷ step difference (LAMMPS step numbers), else unknown — NaN in
 * {@link RunInfo#timestepFs()}, null in the runs table. Extended XYZ files record times, not steps:
 * their {@code Time=} differences are the frame interval, not the MD step, so without
 * {@link IngestOptions#timestepFs()} their time step is unknown.
 *
 * <p><b>The runs row.</b> system: given, else the species with reduced counts ({@code Ag2Te});
 * species in the declared order ({@code --types}), else in order of first appearance; masses:
 * given, else {@link Elements#mass}; potential null (unknown); seed 0; source = the format.
 *
 * <p><b>Atomicity.</b> Shards are written to a hidden staging directory
 * {@code ARCHIVE/.ingest/<runId>.<random>/} and moved to {@code frames/run_id=<runId>/} only when
 * the whole file has been read, together with its runs row ({@link RunReplacement}: a journal decides
 * the swap, so a kill at any moment leaves the old run or the new run complete). On any failure before
 * that the staging directory is deleted, so the archive is as before: other runs, and an earlier run of
 * the same id, are untouched. Re-ingesting an existing run id replaces that run once the new one has
 * been read completely. A killed process may leave a hidden
 * {@code .ingest/<runId>.<random>/} directory, which readers skip; the next successful ingest of that
 * run id deletes it.
 */
public final class Ingest {
    /** Hidden directory of the archive root where runs are staged while they are read. */
    public static final String STAGING_DIR = ".ingest";
    /** Relative tolerance for comparing frame intervals (times as printed in text files are rounded). */
    static final double TIME_TOLERANCE = 1e-3;
    /** Relative tolerance (to the box length) for a constant box. */
    static final double BOX_TOLERANCE = 1e-6;
    private static final java.util.regex.Pattern STAGING_NAME =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ingest() {}

    /** Supported input formats, by their archive {@code source} name. */
    public static final List<String> FORMATS = List.of(LammpsDumpReader.FORMAT, ExtxyzReader.FORMAT);

    /**
     * Opens {@code input} as a {@code lammps-dump} or {@code extxyz} source.
     *
     * @param types        species of LAMMPS types 1, 2, … (for dumps without an element column); may be empty
     * @param velocityUnit unit of extended XYZ velocities
     */
    public static TrajectorySource open(String format, java.nio.file.Path input, List<String> types,
                                        ExtxyzReader.VelocityUnit velocityUnit) throws IOException {
        if (LammpsDumpReader.FORMAT.equals(format)) return LammpsDumpReader.open(input, types);
        if (ExtxyzReader.FORMAT.equals(format)) {
            return ExtxyzReader.open(input, velocityUnit == null ? ExtxyzReader.VelocityUnit.ANGSTROM_PER_FS : velocityUnit);
        }
        throw new IllegalArgumentException("unknown format '" + format + "': use one of " + String.join(", ", FORMATS));
    }

    /**
     * Reads {@code source} to its end and writes it into {@code archive} as run {@code options.runId()}.
     *
     * @return the runs row written
     * @throws IllegalArgumentException   for invalid options (nothing is written)
     * @throws TrajectoryFormatException for a problem with the input (the archive is left as it was)
     * @throws IOException                reading the input or writing the archive
     */
    public static RunInfo run(Archive archive, TrajectorySource source, IngestOptions options) throws IOException {
        options.validate();
        RunReplacement.recover(archive); // a replacement a killed ingest left decided is finished first
        String runId = options.runId();
        Path stagingRoot = new Path(new Path(archive.root(), STAGING_DIR), runId + "." + UUID.randomUUID());
        Archive staging = Archive.at(stagingRoot.toString(), archive.configuration());
        FrameShardWriter w = null;
        try {
            Frame first = source.next();
            if (first == null) throw new TrajectoryFormatException(source.file(), 0, -1, "the file holds no frames");
            Run run = new Run(source, options, first);
            Progress progress = new Progress(options, source);
            int shard = 0;
            int frameNo = 0;
            for (Frame f = first; f != null; f = source.next(), frameNo++) {
                run.check(f, frameNo);
                double t = run.clock.time(f, frameNo);
                double[] pos = run.positions(f, frameNo);
                if (w == null) w = FrameShardWriter.open(staging, runId, shard, run.speciesOfAtom);
                w.writeFrame(frameNo, t, pos, f.velocities());
                if (w.frameCount() == options.framesPerShard()) {
                    w.commit();
                    w = null;
                    shard++;
                }
                progress.frame(frameNo + 1, shard);
            }
            if (w != null) {
                w.commit();
                w = null;
            }
            RunInfo info = run.info(frameNo);
            RunsTableWriter.write(staging, info);
            if (options.progress() != null && archive.fileSystem().exists(archive.runFile(runId))) {
                options.progress().println("ingest: replacing the earlier run " + runId + " in " + archive.root());
            }
            RunReplacement.replace(archive, staging, runId);
            deleteStaleStaging(archive, runId, stagingRoot);
            return info;
        } finally {
            if (w != null) w.abort();
            if (!RunReplacement.decided(archive, runId, staging.root())) {
                deleteStaging(archive, stagingRoot); // once decided, the journal's owner (or the next command) finishes it
            }
        }
    }

    /** Staging directories of the same run id left by killed ingests ({@code .ingest/<runId>.<uuid>}). */
    private static void deleteStaleStaging(Archive archive, String runId, Path own) {
        FileSystem fs = archive.fileSystem();
        try {
            for (FileStatus st : fs.listStatus(own.getParent())) {
                String name = st.getPath().getName();
                if (st.isDirectory() && !name.equals(own.getName()) && name.startsWith(runId + ".")
                        && STAGING_NAME.matcher(name.substring(runId.length() + 1)).matches()) {
                    fs.delete(st.getPath(), true);
                }
            }
        } catch (IOException ignored) {
            // best effort: leftovers are hidden from readers
        }
    }

    private static void deleteStaging(Archive archive, Path stagingRoot) {
        FileSystem fs = archive.fileSystem();
        try {
            fs.delete(stagingRoot, true);
            Path parent = stagingRoot.getParent();
            FileStatus[] left = fs.listStatus(parent);
            if (left.length == 0) fs.delete(parent, false);
        } catch (IOException ignored) {
            // a concurrent ingest is using .ingest/, or it is already gone
        }
    }

    /** Per-run state: reference atoms, species, box, unwrapper, clock. */
    private static final class Run {
        final TrajectorySource source;
        final IngestOptions options;
        final String file;
        final int n;
        final String[] speciesOfAtom;
        final double[] lo;
        final double[] len;
        final boolean wrapped;
        final Unwrapper unwrapper;
        final Clock clock;
        final String[] species;
        final double[] masses;
        final String system;

        Run(TrajectorySource source, IngestOptions options, Frame first) throws IOException {
            this.source = source;
            this.options = options;
            this.file = source.file();
            this.n = first.atomCount();
            this.speciesOfAtom = first.species().clone();
            this.lo = first.boxLo().clone();
            this.len = first.boxLengths().clone();
            this.wrapped = first.wrapped();
            this.unwrapper = wrapped ? new Unwrapper(len, options.maxJumpFraction()) : null;
            this.clock = new Clock(file, options, first);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String s : source.declaredSpecies()) counts.put(s, 0);
            for (String s : speciesOfAtom) counts.merge(s, 1, Integer::sum);
            counts.values().removeIf(c -> c == 0);
            this.species = counts.keySet().toArray(new String[0]);
            this.masses = new double[species.length];
            Map<String, Double> given = options.masses();
            for (int k = 0; k < species.length; k++) {
                Double m = given.get(species[k]);
                if (m == null) {
                    try {
                        m = Elements.mass(species[k]);
                    } catch (IllegalArgumentException e) {
                        throw new TrajectoryFormatException(file, first.line(), 0, "species '" + species[k]
                                + "' is not a chemical element symbol, so its mass is unknown: give it with --masses,"
                                + " e.g. --masses " + species[k] + "=<amu>");
                    }
                }
                masses[k] = m;
            }
            this.system = options.system() != null ? options.system() : formula(counts);
        }

        void check(Frame f, int frameNo) throws TrajectoryFormatException {
            if (f.atomCount() != n) {
                throw error(f, frameNo, "the frame has " + f.atomCount() + " atoms but frame 0 had " + n
                        + ": the same atoms must be in every frame");
            }
            String[] sp = f.species();
            if (sp != speciesOfAtom) {
                for (int i = 0; i < n; i++) {
                    if (!sp[i].equals(speciesOfAtom[i])) {
                        throw error(f, frameNo, f.describeAtom(i) + " is " + sp[i] + " but was " + speciesOfAtom[i]
                                + " in frame 0: an atom's species must not change");
                    }
                }
            }
            for (int d = 0; d < 3; d++) {
                double tol = BOX_TOLERANCE * len[d];
                if (Math.abs(f.boxLengths()[d] - len[d]) > tol || Math.abs(f.boxLo()[d] - lo[d]) > tol) {
                    throw error(f, frameNo, String.format(Locale.ROOT, "the box changed along %s: %.10g..%.10g Å, frame 0"
                                    + " had %.10g..%.10g Å; only constant-volume (NVT/NVE) trajectories can be ingested"
                                    + " (the archive stores one cell per run)", "xyz".charAt(d), f.boxLo()[d],
                            f.boxLo()[d] + f.boxLengths()[d], lo[d], lo[d] + len[d]));
                }
            }
            if (f.wrapped() != wrapped) {
                throw error(f, frameNo, "positions are " + (f.wrapped() ? "wrapped" : "unwrapped") + " but were "
                        + (wrapped ? "wrapped" : "unwrapped") + " in frame 0");
            }
        }

        double[] positions(Frame f, int frameNo) throws TrajectoryFormatException {
            if (unwrapper == null) return f.positions();
            try {
                return unwrapper.unwrap(f.positions());
            } catch (Unwrapper.JumpException e) {
                throw error(f, frameNo, String.format(Locale.ROOT, "%s moved %.4g Å along %s between frames %d and %d"
                                + " (minimum image: %.3f of the %.6g Å box), more than the %.3g box lengths that"
                                + " unwrapping wrapped positions allows: the atom may have crossed half the box, so its"
                                + " path is ambiguous. Write image flags (ix iy iz) or unwrapped coordinates (xu yu zu),"
                                + " or frames closer together", f.describeAtom(e.atom()), e.displacement(),
                        "xyz".charAt(e.axis()), frameNo - 1, frameNo, Math.abs(e.displacement()) / e.boxLength(),
                        e.boxLength(), unwrapper.maxJumpFraction()));
            }
        }

        RunInfo info(int nFrames) throws TrajectoryFormatException {
            double interval = clock.frameInterval(nFrames);
            double timestep = clock.timestepFs(interval);
            double[] cell = {len[0], 0, 0, 0, len[1], 0, 0, 0, len[2]};
            return new RunInfo(options.runId(), system, options.temperatureK(), options.vacancyFraction(),
                    options.replica(), n, timestep, interval, nFrames, cell, species, masses, null, 0L, source.format());
        }

        TrajectoryFormatException error(Frame f, int frameNo, String problem) {
            return new TrajectoryFormatException(file, f.line(), frameNo, problem);
        }
    }

    /** Chemical formula with counts reduced by their greatest common divisor: Ag 64, Te 32 → Ag2Te. */
    static String formula(Map<String, Integer> counts) {
        int g = 0;
        for (int c : counts.values()) g = gcd(g, c);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            sb.append(e.getKey());
            int c = e.getValue() / g;
            if (c != 1) sb.append(c);
        }
        return sb.toString();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Frame times, the frame interval and the time step; checks that frames are evenly spaced. */
    static final class Clock {
        private final String file;
        private final double givenInterval; // ps or NaN
        private final double givenTimestep; // fs or NaN
        private final boolean steps;
        private final boolean times;
        private final long step0;
        private final double time0;
        private long prevStep;
        private double prevTime;
        private long dStep;
        private double dTime;
        private double lastTime;

        Clock(String file, IngestOptions o, Frame first) throws TrajectoryFormatException {
            this.file = file;
            this.givenInterval = o.frameIntervalPs();
            this.givenTimestep = o.timestepFs();
            this.steps = first.hasStep();
            this.times = first.hasTime();
            this.step0 = first.step();
            this.time0 = first.timePs();
            if (Double.isNaN(givenInterval) && !times && !(steps && !Double.isNaN(givenTimestep))) {
                String problem = steps
                        ? "the dump has step numbers but neither the MD time step nor times (no ITEM: TIME), so the"
                        + " time between frames is unknown: pass --timestep-fs (the MD time step, fs) or"
                        + " --frame-interval-ps (the time between frames, ps)"
                        : "the file records no times (no Time= in the comment line): give the time between frames"
                        + " (--frame-interval-ps)";
                throw new TrajectoryFormatException(file, first.line(), 0, problem);
            }
        }

        /** The time of frame {@code f}, ps, after checking its spacing from the previous frame. */
        double time(Frame f, int frameNo) throws TrajectoryFormatException {
            if (frameNo > 0) {
                if (steps) {
                    if (!f.hasStep()) throw error(f, frameNo, "the frame has no step number but frame 0 had one");
                    long ds = f.step() - prevStep;
                    if (ds <= 0) {
                        throw error(f, frameNo, "step " + f.step() + " is not after the previous frame's step " + prevStep
                                + " (frames must be in time order, without repeats)");
                    }
                    if (frameNo == 1) {
                        dStep = ds;
                    } else if (ds != dStep) {
                        throw error(f, frameNo, "frame gap: step " + f.step() + " follows step " + prevStep + " (" + ds
                                + " steps) but frames are " + dStep + " steps apart: frames must be evenly spaced");
                    }
                }
                if (times) {
                    if (!f.hasTime()) throw error(f, frameNo, "the frame has no time but frame 0 had one");
                    double dt = f.timePs() - prevTime;
                    if (!(dt > 0)) {
                        throw error(f, frameNo, "time " + f.timePs() + " ps is not after the previous frame's "
                                + prevTime + " ps (frames must be in time order, without repeats)");
                    }
                    if (frameNo == 1) {
                        dTime = dt;
                    } else if (Math.abs(dt - dTime) > TIME_TOLERANCE * dTime) {
                        throw error(f, frameNo, String.format(Locale.ROOT, "frame gap: %.6g ps after the previous frame but"
                                + " frames are %.6g ps apart: frames must be evenly spaced", dt, dTime));
                    }
                }
                if (frameNo == 1) checkAgreement(f);
            }
            prevStep = f.step();
            prevTime = f.timePs();
            lastTime = f.timePs();
            if (!Double.isNaN(givenInterval)) return frameNo * givenInterval;
            if (times) return f.timePs() - time0;
            return (f.step() - step0) * givenTimestep * 1e-3;
        }

        /** When the interval is known in more than one way, the ways must agree. */
        private void checkAgreement(Frame f) throws TrajectoryFormatException {
            double fromSteps = steps && !Double.isNaN(givenTimestep) ? dStep * givenTimestep * 1e-3 : Double.NaN;
            double fromTimes = times ? dTime : Double.NaN;
            double ref = !Double.isNaN(givenInterval) ? givenInterval : fromTimes;
            String refName = !Double.isNaN(givenInterval) ? "the given frame interval" : "the file's times";
            if (!Double.isNaN(ref) && !Double.isNaN(fromTimes) && ref != fromTimes
                    && Math.abs(fromTimes - ref) > TIME_TOLERANCE * ref) {
                throw error(f, 1, String.format(Locale.ROOT, "%s (%.6g ps) disagrees with the file's times (%.6g ps"
                        + " between frames 0 and 1)", refName, ref, fromTimes));
            }
            if (!Double.isNaN(ref) && !Double.isNaN(fromSteps) && Math.abs(fromSteps - ref) > TIME_TOLERANCE * ref) {
                throw error(f, 1, String.format(Locale.ROOT, "%s (%.6g ps) disagrees with %d steps × the given time step"
                        + " %.6g fs = %.6g ps between frames 0 and 1", refName, ref, dStep, givenTimestep, fromSteps));
            }
        }

        /** The run's frame interval, ps. */
        double frameInterval(int nFrames) throws TrajectoryFormatException {
            if (!Double.isNaN(givenInterval)) return givenInterval;
            if (nFrames < 2) {
                if (!Double.isNaN(givenTimestep)) return givenTimestep * 1e-3;
                throw new TrajectoryFormatException(file, 0, -1, "the file holds a single frame: give the frame interval"
                        + " (--frame-interval-ps) for the archive");
            }
            if (times) return (lastTime - time0) / (nFrames - 1);
            return dStep * givenTimestep * 1e-3;
        }

        /**
         * The run's MD time step, fs: the given one, else interval ÷ step difference (step numbers in
         * the file, at least two frames), else NaN (unknown: file times give the frame interval only).
         */
        double timestepFs(double interval) {
            if (!Double.isNaN(givenTimestep)) return givenTimestep;
            if (steps && dStep > 0) return interval * 1e3 / dStep;
            return Double.NaN;
        }

        private TrajectoryFormatException error(Frame f, int frameNo, String problem) {
            return new TrajectoryFormatException(file, f.line(), frameNo, problem);
        }
    }

    /** Progress lines with the fraction of the input read and an ETA. */
    private static final class Progress {
        private final PrintStream out;
        private final long everyNanos;
        private final TrajectorySource source;
        private final String runId;
        private final long t0 = System.nanoTime();
        private long next;

        Progress(IngestOptions o, TrajectorySource source) {
            this.out = o.progress();
            this.everyNanos = (long) (o.progressSeconds() * 1e9);
            this.source = source;
            this.runId = o.runId();
            this.next = t0 + everyNanos;
        }

        void frame(int frames, int shards) {
            if (out == null) return;
            long now = System.nanoTime();
            if (now < next) return;
            next = now + everyNanos;
            double frac = source.fractionRead();
            double elapsed = (now - t0) * 1e-9;
            String eta = frac > 0 && frac < 1 ? ", ETA " + duration(elapsed * (1 - frac) / frac) : "";
            String pct = Double.isNaN(frac) ? "" : String.format(Locale.ROOT, ", %.0f%% of %s", 100 * frac, source.file());
            out.printf(Locale.ROOT, "ingest %s: %d frames, %d shards done%s%s%n", runId, frames, shards, pct, eta);
        }

        static String duration(double s) {
            long t = Math.round(s);
            return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60)
                    : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
        }
    }
}
