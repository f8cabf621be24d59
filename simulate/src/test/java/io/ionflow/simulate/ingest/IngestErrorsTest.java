package io.ionflow.simulate.ingest;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import io.ionflow.simulate.ingest.TrajectoryFixtures.Traj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ionflow.simulate.ingest.TrajectoryFixtures.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad inputs: each gives one error naming the file, the line or frame and the problem, and leaves
 * the archive exactly as it was (no runs row, no shard, no staging directory of the failed run;
 * another run, and an earlier run of the same id, untouched).
 */
class IngestErrorsTest {
    static final String BAD = "bad";

    @TempDir
    Path dir;
    Path root;
    Archive archive;
    RunInfo keep;
    List<String> before;

    /** An archive holding run "keep" (3 shards) and run "bad" is not there. */
    @BeforeEach
    void archiveWithAnotherRun() throws IOException {
        root = dir.resolve("archive");
        archive = Archive.at(root.toString());
        Path in = TrajectoryFixtures.write(dir, "keep.lammpstrj", TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(9, 1)));
        try (TrajectorySource src = LammpsDumpReader.open(in, List.of("Ag", "Te"))) {
            keep = Ingest.run(archive, src, opts("keep"));
        }
        before = TrajectoryFixtures.listing(root);
        assertTrue(before.contains("runs/keep.parquet"), before.toString());
    }

    static IngestOptions opts(String runId) {
        return new IngestOptions().runId(runId).temperatureK(500).timestepFs(2).framesPerShard(3);
    }

    /** Ingests {@code text} as a LAMMPS dump into run {@value #BAD}, expects a failure, checks the archive. */
    private <E extends Exception> E failsDump(Class<E> type, String text, List<String> types, IngestOptions o)
            throws IOException {
        Path in = TrajectoryFixtures.write(dir, "in.lammpstrj", text);
        E e = assertThrows(type, () -> {
            try (TrajectorySource src = LammpsDumpReader.open(in, types)) {
                Ingest.run(archive, src, o);
            }
        });
        assertArchiveUnchanged();
        return e;
    }

    private TrajectoryFormatException failsXyz(String text) throws IOException {
        Path in = TrajectoryFixtures.write(dir, "in.xyz", text);
        TrajectoryFormatException e = assertThrows(TrajectoryFormatException.class, () -> {
            try (TrajectorySource src = ExtxyzReader.open(in, ExtxyzReader.VelocityUnit.ANGSTROM_PER_FS)) {
                Ingest.run(archive, src, opts(BAD));
            }
        });
        assertArchiveUnchanged();
        return e;
    }

    private void assertArchiveUnchanged() throws IOException {
        assertEquals(before, TrajectoryFixtures.listing(root), "the archive's files are unchanged");
        assertEquals(List.of(), archive.shardIndices(BAD));
        assertEquals(List.of(keep), RunsTableReader.readAll(archive));
        assertFalse(Files.exists(root.resolve(Ingest.STAGING_DIR)), "no staging directory is left");
        assertEquals(9, TrajectoryFixtures.readBack(archive, "keep").pos.size());
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing in: " + e.getMessage());
    }

    /** Line number (1-based) of the n-th occurrence (0-based) of {@code needle} at a line start. */
    private static long lineOf(String text, String needle, int occurrence) {
        String[] lines = text.split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(needle) && seen++ == occurrence) return i + 1;
        }
        throw new AssertionError(needle + " #" + occurrence + " not found");
    }

    @Test
    void jumpOverHalfABoxNamesFileFrameAndAtom() throws IOException {
        Traj t = TrajectoryFixtures.walkers(12, 2);
        TrajectoryFixtures.jump(t, 7, 3, 0.55 * L[0]); // atom 3 (id 1021) jumps 0.55 box lengths at frame 7
        String text = TrajectoryFixtures.dumpWrapped(t);
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, text, List.of("Ag", "Te"), opts(BAD));
        assertEquals(7, e.frame());
        assertEquals(lineOf(text, "ITEM: TIMESTEP", 7), e.line());
        assertMentions(e, "in.lammpstrj", "frame 7", "atom id 1021 (atom 3)", "between frames 6 and 7", "along x");
    }

    @Test
    void theSameJumpWithImageFlagsIsFine() throws IOException {
        Traj t = TrajectoryFixtures.walkers(12, 2);
        TrajectoryFixtures.jump(t, 7, 3, 0.55 * L[0]);
        Path in = TrajectoryFixtures.write(dir, "flags.lammpstrj", TrajectoryFixtures.dumpImages(t));
        try (TrajectorySource src = LammpsDumpReader.open(in, List.of("Ag", "Te"))) {
            Ingest.run(archive, src, opts("flags"));
        }
        TrajectoryFixtures.assertFloatEquals(t.pos[7][9], TrajectoryFixtures.readBack(archive, "flags").pos.get(7)[9], "x");
    }

    @Test
    void triclinicBoxIsRefused() throws IOException {
        Traj t = TrajectoryFixtures.walkers(8, 3);
        String text = TrajectoryFixtures.dumpImages(t);
        // frame 5 (after shards 0 and 1 were written) is triclinic
        long line = lineOf(text, "ITEM: BOX BOUNDS", 5);
        String[] lines = text.split("\n", -1);
        lines[(int) line - 1] = "ITEM: BOX BOUNDS xy xz yz pp pp pp";
        for (int d = 0; d < 3; d++) lines[(int) line + d] += " 0.5";
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, String.join("\n", lines),
                List.of("Ag", "Te"), opts(BAD));
        assertEquals(line, e.line());
        assertEquals(5, e.frame());
        assertMentions(e, "in.lammpstrj: line " + line, "triclinic", "orthorhombic");
    }

    @Test
    void triclinicLatticeIsRefused() throws IOException {
        String text = TrajectoryFixtures.extxyz(TrajectoryFixtures.walkers(3, 4)).replaceFirst("Lattice=\"6.0 0.0 0.0 0.0 7.0 0.0 0.0 0.0 8.0\"",
                "Lattice=\"6.0 0.0 0.0 1.5 7.0 0.0 0.0 0.0 8.0\"");
        TrajectoryFormatException e = failsXyz(text);
        assertMentions(e, "in.xyz: line 2, frame 0", "not orthorhombic");
    }

    @Test
    void changingBoxIsRefused() throws IOException {
        Traj t = TrajectoryFixtures.walkers(8, 3);
        String text = TrajectoryFixtures.dumpImages(t);
        long line = lineOf(text, "ITEM: BOX BOUNDS", 6);
        String[] lines = text.split("\n", -1);
        lines[(int) line] = "-1.5 4.6"; // x: 6.1 Å instead of 6.0
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, String.join("\n", lines),
                List.of("Ag", "Te"), opts(BAD));
        assertEquals(6, e.frame());
        assertMentions(e, "in.lammpstrj", "frame 6", "box changed along x", "constant-volume");
    }

    @Test
    void missingTemperatureIsRefusedBeforeAnythingIsWritten() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 5));
        IllegalArgumentException e = failsDump(IllegalArgumentException.class, text, List.of("Ag", "Te"),
                new IngestOptions().runId(BAD).timestepFs(2));
        assertMentions(e, "temperature", "--temperature-k");
    }

    @Test
    void truncatedLastFrameAtALineBoundary() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(8, 6));
        String cut = text.substring(0, text.length() - 1);
        cut = cut.substring(0, cut.lastIndexOf('\n') + 1); // drop the last atom line
        cut = cut.substring(0, cut.length() - 1);
        cut = cut.substring(0, cut.lastIndexOf('\n') + 1); // and the one before
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, cut, List.of("Ag", "Te"), opts(BAD));
        assertEquals(7, e.frame());
        assertMentions(e, "in.lammpstrj", "frame 7", "10 of 12 atoms", "truncated");
    }

    @Test
    void truncatedLastFrameInsideALine() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(8, 6));
        String cut = text.substring(0, text.length() - 40);
        long lastLine = cut.split("\n", -1).length;
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, cut, List.of("Ag", "Te"), opts(BAD));
        assertEquals(lastLine, e.line());
        assertMentions(e, "in.lammpstrj: line " + lastLine + ", frame 7", "truncated");
    }

    @Test
    void truncatedExtxyz() throws IOException {
        String text = TrajectoryFixtures.extxyz(TrajectoryFixtures.walkers(6, 6));
        String cut = text.substring(0, text.length() - 1);
        cut = cut.substring(0, cut.lastIndexOf('\n') + 1);
        TrajectoryFormatException e = failsXyz(cut);
        assertMentions(e, "in.xyz", "frame 5", "11 of 12 atoms", "truncated");
    }

    @Test
    void typesWithoutTypeNamesAreRefused() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 7));
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, text, List.of(), opts(BAD));
        long line = lineOf(text, "ITEM: ATOMS", 0);
        assertEquals(line, e.line());
        assertMentions(e, "in.lammpstrj: line " + line + ", frame 0", "no 'element' column", "--types");
    }

    @Test
    void typeBeyondTheGivenNamesIsRefused() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 7));
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, text, List.of("Ag"), opts(BAD));
        assertEquals(lineOf(text, "ITEM: ATOMS", 0) + 1 + TrajectoryFixtures.N_AG, e.line()); // the first Te atom
        assertMentions(e, "atom type 2", "--types");
    }

    @Test
    void frameGapIsRefused() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(8, 8));
        long line = lineOf(text, "ITEM: TIMESTEP", 4);
        String[] lines = text.split("\n", -1);
        for (int f = 4; f < 8; f++) lines[(int) lineOf(text, "ITEM: TIMESTEP", f)] = Long.toString((f + 1) * 10L);
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, String.join("\n", lines),
                List.of("Ag", "Te"), opts(BAD));
        assertEquals(line, e.line());
        assertMentions(e, "frame 4", "frame gap", "step 50 follows step 30");
    }

    @Test
    void missingTimeStepIsRefused() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 5));
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, text, List.of("Ag", "Te"),
                new IngestOptions().runId(BAD).temperatureK(500));
        assertMentions(e, "in.lammpstrj: line 1, frame 0", "--timestep-fs", "--frame-interval-ps");
    }

    @Test
    void idsMustBeTheSameInEveryFrame() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 5));
        long line = lineOf(text, "ITEM: ATOMS", 3) + 2;
        String[] lines = text.split("\n", -1);
        lines[(int) line - 1] = lines[(int) line - 1].replaceFirst("^1007 ", "77 ");
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, String.join("\n", lines),
                List.of("Ag", "Te"), opts(BAD));
        assertEquals(line, e.line());
        assertMentions(e, "frame 3", "atom id 77 is not in frame 0");
    }

    @Test
    void unknownSpeciesWithoutMassIsRefused() throws IOException {
        String text = TrajectoryFixtures.dumpImages(TrajectoryFixtures.walkers(5, 5));
        TrajectoryFormatException e = failsDump(TrajectoryFormatException.class, text, List.of("Ag", "Xq"), opts(BAD));
        assertMentions(e, "species 'Xq'", "--masses Xq=");
    }

    @Test
    void nanPositionIsRefused() throws IOException {
        String text = TrajectoryFixtures.extxyz(TrajectoryFixtures.walkers(4, 5));
        String[] lines = text.split("\n", -1);
        String[] f = lines[2 * 14 + 4].split(" ");
        f[3] = "NaN";
        lines[2 * 14 + 4] = String.join(" ", f);
        TrajectoryFormatException e = failsXyz(String.join("\n", lines));
        assertMentions(e, "in.xyz: line " + (2 * 14 + 5) + ", frame 2", "pos y is NaN");
    }

    @Test
    void failedReIngestKeepsTheEarlierRunOfTheSameId() throws IOException {
        Traj t = TrajectoryFixtures.walkers(12, 2);
        TrajectoryFixtures.jump(t, 10, 3, 0.55 * L[0]);
        Path in = TrajectoryFixtures.write(dir, "again.lammpstrj", TrajectoryFixtures.dumpWrapped(t));
        assertThrows(TrajectoryFormatException.class, () -> {
            try (TrajectorySource src = LammpsDumpReader.open(in, List.of("Ag", "Te"))) {
                Ingest.run(archive, src, opts("keep"));
            }
        });
        assertEquals(before, TrajectoryFixtures.listing(root));
        assertEquals(List.of(keep), RunsTableReader.readAll(archive));
        assertEquals(9, TrajectoryFixtures.readBack(archive, "keep").pos.size());
    }
}
