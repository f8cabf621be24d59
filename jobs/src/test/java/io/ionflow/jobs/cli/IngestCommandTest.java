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

    /** Runs in-process, returns {exit code, stdout, stderr}. */
    private static Object[] runCapturing(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.execute(args);
            return new Object[] {rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void extxyzWithoutTimestepIsIngestedWithAnUnknownTimestep() throws IOException {
        // GPUMD-style: Time= in fs, frames 20 fs apart; the MD step is not in the file; Ar and Kr need no --masses
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 3; f++) {
            sb.append("2\nTime=").append(500 + 20 * f).append(" Lattice=\"8 0 0 0 8 0 0 0 8\" Properties=species:S:1:pos:R:3\n");
            sb.append("Ar 1 1 ").append(1 + 0.1 * f).append("\nKr 4 4 4\n");
        }
        Path xyz = dir.resolve("run.xyz");
        Files.writeString(xyz, sb.toString());
        String archive = dir.resolve("archive").toString();
        Object[] res = runCapturing("ingest", "--format", "extxyz", "--input", xyz.toString(), "--archive", archive,
                "--run-id", "gp1", "--temperature-k", "600");
        assertEquals(0, res[0], res[1] + "\n" + res[2]);
        assertTrue(((String) res[1]).contains("time step unknown"), (String) res[1]);
        RunInfo r = RunsTableReader.find(Archive.at(archive), "gp1").orElseThrow();
        assertTrue(Double.isNaN(r.timestepFs()), "timestep_fs null (unknown), got " + r.timestepFs());
        assertEquals(0.02, r.frameIntervalPs(), 1e-12);
        assertArrayEquals(new double[] {39.95, 83.798}, r.masses(), 1e-9);

        res = runCapturing("ingest", "--format", "extxyz", "--input", xyz.toString(), "--archive", archive,
                "--run-id", "gp2", "--temperature-k", "600", "--timestep-fs", "1");
        assertEquals(0, res[0], res[1] + "\n" + res[2]);
        assertTrue(((String) res[1]).contains("(time step 1.00000 fs)"), (String) res[1]);
        assertEquals(1.0, RunsTableReader.find(Archive.at(archive), "gp2").orElseThrow().timestepFs());
    }

    @Test
    void lammpsDumpWithoutAnyTimingIsRefused() throws IOException {
        Path good = dir.resolve("good.lammpstrj");
        Files.writeString(good, dump(false));
        String archive = dir.resolve("archive").toString();
        Object[] res = runCapturing("ingest", "--format", "lammps-dump", "--input", good.toString(), "--archive", archive,
                "--run-id", "lmp1", "--types", "Ag,Te", "--temperature-k", "500");
        String msg = (String) res[2];
        assertEquals(2, res[0], msg);
        String first = msg.strip().lines().findFirst().orElse("");
        assertTrue(first.contains("good.lammpstrj: line 1, frame 0:") && first.contains("--timestep-fs")
                && first.contains("--frame-interval-ps"), msg);
        assertEquals(2, msg.strip().lines().count(), "one error line plus the --verbose hint: " + msg);
        assertTrue(!Files.exists(dir.resolve("archive")) || RunsTableReader.readAll(Archive.at(archive)).isEmpty());
    }

    @Test
    void helpSaysWhatIngestDoesWithTheTimestepAndAtomOrder() {
        Object[] res = runCapturing("ingest", "--help");
        assertEquals(0, res[0]);
        String help = (String) res[1];
        String flat = help.replaceAll("\\s+", ""); // independent of where picocli wraps lines
        assertTrue(!flat.contains("else1)") && !flat.contains("atomssortedby'id'"), help);
        assertTrue(flat.contains("atomlinesinanyorder(ingestsortsthemby'id'"), help);
        assertTrue(flat.contains("elseunknownandstoredasnull"), help);
        assertTrue(flat.contains("elseunknown:timestep_fsisnullintherunstable"), help);
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
