package io.ionflow.jobs.msd;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.bench.SyntheticArchive.Kind;
import io.ionflow.jobs.bench.SyntheticArchive.SpeciesSpec;
import io.ionflow.simulate.archive.Archive;

import java.util.ArrayList;
import java.util.List;

/** Test archives with known transport: Langevin Ag and Cu, vibrating Te, a common drift. */
public final class SyntheticRuns {
    private SyntheticRuns() {}

    /** D of Ag, Å²/ps. */
    public static final double D_AG = 0.1;
    /** D of Cu, Å²/ps. */
    public static final double D_CU = 0.2;
    /** Common drift velocity, Å/ps. */
    public static final double[] DRIFT = {0.3, -0.2, 0.1};

    public static List<SpeciesSpec> species(int scale) {
        return List.of(new SpeciesSpec("Ag", 107.8682, 12 * scale, Kind.LANGEVIN, 1.0, 10.0),
                new SpeciesSpec("Cu", 63.546, 8 * scale, Kind.LANGEVIN, 2.0, 10.0),
                new SpeciesSpec("Te", 127.60, 16 * scale, Kind.VIBRATE, 0.1, 2 * Math.PI * 3));
    }

    /** Run ids are {@code Syn_T<temperature>}. */
    public static List<SyntheticArchive.RunSpec> runs(double[] temperatures, int scale, int frames, int framesPerShard,
                                                      boolean velocities) {
        List<SyntheticArchive.RunSpec> out = new ArrayList<>();
        for (double t : temperatures) {
            out.add(new SyntheticArchive.RunSpec("Syn_T" + (int) t, t, 0.0, species(scale), frames, 0.02, framesPerShard,
                    DRIFT, velocities, 1000L + (long) t, 20.0));
        }
        return out;
    }

    public static Archive write(String dir, List<SyntheticArchive.RunSpec> runs) throws Exception {
        Archive a = Archive.at(dir);
        SyntheticArchive.write(a, runs, 2);
        return a;
    }
}
