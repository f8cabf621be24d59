package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.ingest.ExtxyzReader;
import io.ionflow.simulate.ingest.Ingest;
import io.ionflow.simulate.ingest.IngestOptions;
import io.ionflow.simulate.ingest.TrajectoryFormatException;
import io.ionflow.simulate.ingest.TrajectorySource;
import io.ionflow.simulate.ingest.Unwrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stream a LAMMPS text dump or an extended XYZ trajectory of any length into an archive as one run"
                + " (frame shards, then the runs row), one frame in memory at a time.",
                "LAMMPS dumps (units metal): ITEM: ATOMS columns in any order; atom lines in any order (ingest sorts"
                        + " them by 'id'; every frame must hold the same ids); species from"
                        + " 'element' or 'type' + --types; positions xu yu zu, xsu ysu zsu, x y z / xs ys zs with ix iy iz,"
                        + " or wrapped x y z / xs ys zs; velocities vx vy vz (Å/ps) when present. Orthorhombic"
                        + " 'pp pp pp' boxes only.",
                "extxyz (GPUMD, ASE): Lattice (orthorhombic), Properties=species:S:1:pos:R:3[:vel:R:3]..., Time= in fs.",
                "Wrapped positions without image flags are unwrapped by the minimum-image rule; an atom that moves"
                        + " more than --max-jump-fraction of the box between frames is refused.",
                "Frame interval: --frame-interval-ps, else the file's times (extxyz Time=, LAMMPS ITEM: TIME), else"
                        + " the step difference × --timestep-fs; a file where none of these is known is refused (no"
                        + " time step is assumed). The box must be constant (NVT/NVE).",
                "MD time step (runs.timestep_fs): --timestep-fs, else frame interval ÷ step difference (LAMMPS"
                        + " dumps), else unknown and stored as null (extxyz Time= gives the time between frames,"
                        + " not the MD step).",
                "Nothing in the archive is lost on failure; re-ingesting a run id replaces that run."},
        footer = {"", "Examples:",
                "  java -jar jobs/target/ionflow.jar ingest --format lammps-dump \\",
                "      --input dump.lammpstrj --archive my-archive --run-id Ag2Te_T500_lmp \\",
                "      --types Ag,Te --temperature-k 500 --timestep-fs 2",
                "  java -jar jobs/target/ionflow.jar ingest --format extxyz --input dump.xyz \\",
                "      --archive my-archive --run-id Ag2Te_T500_gpumd --temperature-k 500"})
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "lammps-dump|extxyz", description = "input format")
    String format;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "trajectory file (.gz is decompressed)")
    Path input;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "archive directory or Hadoop URI (file:, hdfs:, s3a:)")
    String archive;

    @Option(names = "--run-id", required = true, paramLabel = "ID", description = "run id (starts with a letter; [A-Za-z0-9._-])")
    String runId;

    @Option(names = "--temperature-k", paramLabel = "T", description = "target temperature of the run, K (required)")
    Double temperatureK;

    @Option(names = "--types", split = ",", paramLabel = "NAME", description = "species of LAMMPS types 1, 2, … (when the dump has no element column), e.g. Ag,Te")
    List<String> types;

    @Option(names = "--frame-interval-ps", paramLabel = "DT", description = "time between frames, ps (default: from the file's times, or steps × --timestep-fs)")
    Double frameIntervalPs;

    @Option(names = "--timestep-fs", paramLabel = "FS", description = "MD time step, fs (LAMMPS dumps record steps, not the time step; default: frame interval ÷ step difference for LAMMPS dumps, else unknown: timestep_fs is null in the runs table)")
    Double timestepFs;

    @Option(names = "--system", description = "system name (default: species with reduced counts, e.g. Ag2Te)")
    String system;

    @Option(names = "--vacancy-fraction", defaultValue = "0", description = "fraction of anion sites left empty (default ${DEFAULT-VALUE})")
    double vacancyFraction;

    @Option(names = "--replica", defaultValue = "0", description = "replica index within the condition (default ${DEFAULT-VALUE})")
    int replica;

    @Option(names = "--masses", split = ",", paramLabel = "EL=AMU", description = "masses, amu, overriding the standard atomic weights (known for every element symbol H..Og);"
            + " required for species names that are not element symbols (for example Ag=107.87,Te=127.6 or A=39.95)")
    Map<String, Double> masses;

    @Option(names = "--velocity-unit", defaultValue = "A/fs", paramLabel = "A/fs|A/ps", description = "unit of extxyz velocities (default ${DEFAULT-VALUE}, as GPUMD writes)")
    String velocityUnit;

    @Option(names = "--frames-per-shard", defaultValue = "" + IngestOptions.DEFAULT_FRAMES_PER_SHARD, description = "frames per shard file (default ${DEFAULT-VALUE})")
    int framesPerShard;

    @Option(names = "--max-jump-fraction", defaultValue = "" + Unwrapper.DEFAULT_MAX_JUMP_FRACTION, paramLabel = "F",
            description = "when unwrapping wrapped positions, refuse an atom that moves more than F box lengths between frames; (0, 0.5] (default ${DEFAULT-VALUE})")
    double maxJumpFraction;

    @Option(names = "--progress-seconds", defaultValue = "10", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    double progressSeconds;

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "ingest", true, this::callHolding);
    }

    private Integer callHolding() throws Exception {
        if (!Ingest.FORMATS.contains(format)) {
            throw new UserError("--format '" + format + "': use one of " + String.join(", ", Ingest.FORMATS));
        }
        if (temperatureK == null) {
            throw new UserError("--temperature-k is required: the archive records each run's temperature and "
                    + format + " files do not (e.g. --temperature-k 500)");
        }
        IngestOptions o = new IngestOptions().runId(runId).temperatureK(temperatureK).system(system)
                .vacancyFraction(vacancyFraction).replica(replica).masses(masses).framesPerShard(framesPerShard)
                .maxJumpFraction(maxJumpFraction).progress(System.out, progressSeconds);
        if (frameIntervalPs != null) o.frameIntervalPs(frameIntervalPs);
        if (timestepFs != null) o.timestepFs(timestepFs);
        o.validate();
        ExtxyzReader.VelocityUnit unit = ExtxyzReader.VelocityUnit.parse(velocityUnit);
        Archive a = Archive.at(archive);
        RunInfo r;
        List<String> typeNames = types == null ? List.of() : types.stream().map(String::strip).toList();
        try (TrajectorySource src = Ingest.open(format, input, typeNames, unit)) {
            System.out.printf("ingest: %s %s -> run %s in %s%n", format, input, runId, a.root());
            r = Ingest.run(a, src, o);
        } catch (TrajectoryFormatException e) {
            throw new UserError(e.getMessage(), e);
        }
        String timestep = Double.isNaN(r.timestepFs()) ? "time step unknown: give --timestep-fs to record it"
                : String.format(Locale.ROOT, "time step %.6g fs", r.timestepFs());
        System.out.printf(Locale.ROOT, "ingest: run %s done: %s, %d atoms %s, %d frames every %.6g ps (%s),"
                        + " T = %.6g K -> %s%n", r.runId(), r.system(), r.nAtoms(), Arrays.toString(r.species()),
                r.nFrames(), r.frameIntervalPs(), timestep, r.temperatureK(), a.runFramesDir(r.runId()));
        return ExitCodes.OK;
    }
}
