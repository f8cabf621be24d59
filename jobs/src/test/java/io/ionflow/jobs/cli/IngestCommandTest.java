package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ionflow ingest} run in-process through {@link Main#execute}. */
class IngestCommandTest {
    @TempDir
    Path dir;

    /** A 3-atom dump (types 1 2 1 → Ag2Te), 3 frames every 100 steps, wrapped x y z with image flags; atom 1 crosses x = 10. */
    static String dump(boolean triclinicLastFrame) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 3; f++) {
            sb.append("ITEM: TIMESTEP\n").append(100 * f).append("\nITEM: NUMBER OF ATOMS\n3\n");
            boolean tri = triclinicLastFrame && f == 2;
            sb.append(tri ? "ITEM: BOX BOUNDS xy xz yz pp pp pp\n0 10 0.5\n0 10 0\n0 10 0\n" : "ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\n");
            sb.append("ITEM: ATOMS id type x y z ix iy iz\n");
            sb.append("1 1 ").append(9.5 + 0.4 * f - (f >= 2 ? 10 : 0)).append(" 1 1 ").append(f >= 2 ? 1 : 0).append(" 0 0\n");
            sb.append("2 2 5 5 5 0 0 0\n");
            sb.append("3 1 2 3 4 0 -1 0\n");
        }
        return sb.toString();
    }

    private int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void ingestsADumpAndRefusesABadOne() throws IOException {
        Path good = dir.resolve("good.lammpstrj");
        Files.writeString(good, dump(false));
        Path bad = dir.resolve("bad.lammpstrj");
        Files.writeString(bad, dump(true));
        String archive = dir.resolve("archive").toString();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "ingest", "--format", "lammps-dump", "--input", good.toString(), "--archive", archive,
                "--run-id", "lmp1", "--types", "Ag,Te", "--temperature-k", "500", "--timestep-fs", "2",
                "--frames-per-shard", "2");
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Archive a = Archive.at(archive);
        RunInfo r = RunsTableReader.find(a, "lmp1").orElseThrow();
        assertEquals("Ag2Te", r.system());
        assertEquals(3, r.nFrames());
        assertEquals(0.2, r.frameIntervalPs(), 1e-12);
        assertEquals(2.0, r.timestepFs());
        assertEquals("lammps-dump", r.source());
        assertArrayEquals(new String[] {"Ag", "Te"}, r.species());
        assertEquals(List.of(0, 1), a.shardIndices("lmp1"));
        FrameShard s = FrameShardReader.read(a, "lmp1", 1);
        assertEquals(10.3f, (float) s.framePositions(2)[0], 1e-5f); // 0.3 + 1 × 10: unwrapped by the image flag
        assertEquals(-7f, (float) s.framePositions(2)[7], 1e-5f);    // y = 3 − 10 (iy = −1)

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        rc = run(err2, "ingest", "--format", "lammps-dump", "--input", bad.toString(), "--archive", archive,
                "--run-id", "lmp2", "--types", "Ag,Te", "--temperature-k", "500", "--timestep-fs", "2");
        String msg = err2.toString(StandardCharsets.UTF_8);
        assertEquals(2, rc, msg);
        assertTrue(msg.contains("bad.lammpstrj: line 29, frame 2:") && msg.contains("triclinic"), msg);
        assertEquals(2, msg.strip().lines().count(), "one error line plus the --verbose hint: " + msg);
        assertEquals(Optional.empty(), RunsTableReader.find(a, "lmp2"));
        assertEquals(List.of(), a.shardIndices("lmp2"));
        assertEquals(List.of(r), RunsTableReader.readAll(a));
    }

    @Test
    void missingTemperatureAndBadFormatAreUsageErrors() throws IOException {
        Path good = dir.resolve("good.lammpstrj");
        Files.writeString(good, dump(false));
        String archive = dir.resolve("archive").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "ingest", "--format", "lammps-dump", "--input", good.toString(), "--archive", archive,
                "--run-id", "lmp1", "--types", "Ag,Te", "--timestep-fs", "2");
        assertEquals(2, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--temperature-k is required"), err.toString());
        rc = run(new ByteArrayOutputStream(), "ingest", "--format", "xyz", "--input", good.toString(), "--archive", archive,
                "--run-id", "lmp1", "--temperature-k", "500");
        assertEquals(2, rc);
        rc = run(new ByteArrayOutputStream(), "ingest", "--format", "extxyz", "--input", dir.resolve("none.xyz").toString(),
                "--archive", archive, "--run-id", "x1", "--temperature-k", "500", "--frame-interval-ps", "0.01");
        assertEquals(2, rc);
        assertTrue(!Files.exists(dir.resolve("archive")) || RunsTableReader.readAll(Archive.at(archive)).isEmpty());
    }

    @Test
    void helpHasAnExample() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.execute("ingest", "--help");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc);
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--temperature-k") && help.contains("Examples:") && help.contains("ingest --format extxyz"), help);
    }
}
