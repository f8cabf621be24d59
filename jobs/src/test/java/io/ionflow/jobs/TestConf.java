package io.ionflow.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the repository's conf/ files for tests (run with the module as working directory). */
public final class TestConf {
    private TestConf() {}

    public static Path conf() {
        Path p = Path.of("..", "conf").toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p : Path.of("conf").toAbsolutePath();
    }

    public static Path ag2tePotential() {
        String override = System.getProperty("ionflow.test.potential");
        return override != null ? Path.of(override) : conf().resolve("potentials/Ag2Te.vashishta");
    }

    /** A tiny campaign (96-atom cells, 2 temperatures × 2 vacancy fractions, 1.6 ps each) for end-to-end tests. */
    public static Path tinyCampaign(Path dir) throws Exception {
        String json = """
                {"name": "tiny", "potential": {"style": "vashishta", "file": "%s"},
                 "lattice_constant_a": 6.57, "supercell": 2, "temperatures_k": [500, 700],
                 "vacancy_fractions": [0.0, 0.1], "replicas": 1, "timestep_fs": 2.0,
                 "equilibration": {"npt_ps": 0.2, "nvt_ps": 0.2}, "production_ps": 1.6,
                 "frame_interval_ps": 0.04, "frames_per_shard": 16, "seed": 11, "parallel_runs": 2}
                """.formatted(ag2tePotential().toString().replace("\\", "\\\\"));
        Path f = dir.resolve("tiny.json");
        Files.writeString(f, json);
        return f;
    }
}
