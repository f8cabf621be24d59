package io.ionflow.simulate.ingest;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import io.ionflow.simulate.ingest.TrajectoryFixtures.ReadBack;
import io.ionflow.simulate.ingest.TrajectoryFixtures.Traj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.ionflow.simulate.ingest.TrajectoryFixtures.INTERVAL_PS;
import static io.ionflow.simulate.ingest.TrajectoryFixtures.L;
import static io.ionflow.simulate.ingest.TrajectoryFixtures.N;
import static io.ionflow.simulate.ingest.TrajectoryFixtures.assertFloatEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes one known unwrapped trajectory as LAMMPS dumps (image flags; unwrapped with shuffled
 * columns and atoms; scaled wrapped) and as extended XYZ (wrapped, Å/fs velocities, Time=), ingests
 * each and compares the archive with the truth.
 */
class IngestRoundTripTest {
    static final int FRAMES = 230;
    static final int PER_SHARD = 40;

    @TempDir
    static Path dir;
    static Traj truth;

    @BeforeAll
    static void makeTrajectory() {
        truth = TrajectoryFixtures.walkers(FRAMES, 42);
        // the test means something only when the walkers crossed the boundaries several times
        assertTrue(truth.maxImage() >= 3, "walkers crossed the box at most " + truth.maxImage() + " times");
    }

    private static RunInfo ingest(TrajectorySource src, IngestOptions o, Archive a) throws IOException {
        try (src) {
            return Ingest.run(a, src, o);
        }
    }

    private static IngestOptions opts(String runId) {
        return new IngestOptions().runId(runId).temperatureK(500).framesPerShard(PER_SHARD);
    }

    private static void assertTrajectory(ReadBack rb, boolean velocities) {
        assertEquals(FRAMES, rb.pos.size());
        for (int f = 0; f < FRAMES; f++) {
            for (int k = 0; k < 3 * N; k++) {
                assertFloatEquals(truth.pos[f][k], rb.pos.get(f)[k], "frame " + f + " atom " + k / 3 + " " + "xyz".charAt(k % 3));
            }
            if (velocities) {
                for (int k = 0; k < 3 * N; k++) {
                    assertFloatEquals(truth.vel[f][k], rb.vel.get(f)[k], "frame " + f + " atom " + k / 3 + " v" + "xyz".charAt(k % 3));
                }
            } else {
                assertNull(rb.vel.get(f), "frame " + f + " has no velocities");
            }
            assertArrayEquals(truth.species, rb.species.get(f));
            assertEquals(f * INTERVAL_PS, rb.time.get(f), 1e-9, "time of frame " + f);
        }
        assertEquals((FRAMES + PER_SHARD - 1) / PER_SHARD, rb.shards);
    }

    private static void assertRunRow(Archive a, String runId, String source, double timestepFs) throws IOException {
        RunInfo r = RunsTableReader.find(a, runId).orElseThrow();
        assertEquals("Ag2Te", r.system());
        assertEquals(500, r.temperatureK());
        assertEquals(0, r.vacancyFraction());
        assertEquals(0, r.replica());
        assertEquals(N, r.nAtoms());
        assertEquals(FRAMES, r.nFrames());
        assertEquals(INTERVAL_PS, r.frameIntervalPs(), 1e-12);
        assertEquals(timestepFs, r.timestepFs(), 1e-9);
        assertArrayEquals(new double[] {L[0], 0, 0, 0, L[1], 0, 0, 0, L[2]}, r.cell());
        assertArrayEquals(new String[] {"Ag", "Te"}, r.species());
        assertArrayEquals(new double[] {107.8682, 127.60}, r.masses());
        assertNull(r.potential());
        assertEquals(0L, r.seed());
        assertEquals(source, r.source());
    }

    @Test
    void lammpsDumpWithImageFlags() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "a.lammpstrj", TrajectoryFixtures.dumpImages(truth));
        Archive a = Archive.at(dir.resolve("arch-a").toString());
        RunInfo r = ingest(LammpsDumpReader.open(in, List.of("Ag", "Te")),
                opts("dumpA").timestepFs(TrajectoryFixtures.TIMESTEP_FS), a);
        assertEquals(FRAMES, r.nFrames());
        assertTrajectory(TrajectoryFixtures.readBack(a, "dumpA"), true);
        assertRunRow(a, "dumpA", "lammps-dump", TrajectoryFixtures.TIMESTEP_FS);
        assertFalse(Files.exists(dir.resolve("arch-a/.ingest")), "the staging directory is removed");
    }

    @Test
    void lammpsDumpUnwrappedShuffledColumnsAndAtoms() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "b.lammpstrj", TrajectoryFixtures.dumpUnwrappedShuffled(truth, 9));
        Archive a = Archive.at(dir.resolve("arch-b").toString());
        // no --types (element column), no time step: the interval comes from ITEM: TIME, the step is derived
        ingest(LammpsDumpReader.open(in, List.of()), opts("dumpB"), a);
        assertTrajectory(TrajectoryFixtures.readBack(a, "dumpB"), true);
        assertRunRow(a, "dumpB", "lammps-dump", TrajectoryFixtures.TIMESTEP_FS);
    }

    @Test
    void lammpsDumpScaledWrappedWithoutImagesIsUnwrappedByMinimumImage() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "c.lammpstrj", TrajectoryFixtures.dumpScaledWrapped(truth));
        Archive a = Archive.at(dir.resolve("arch-c").toString());
        // the frame interval given instead of the time step: the step is derived from it
        ingest(LammpsDumpReader.open(in, List.of("Ag", "Te")), opts("dumpC").frameIntervalPs(INTERVAL_PS), a);
        assertTrajectory(TrajectoryFixtures.readBack(a, "dumpC"), false);
        assertRunRow(a, "dumpC", "lammps-dump", TrajectoryFixtures.TIMESTEP_FS);
    }

    @Test
    void extxyzWrappedWithVelocitiesInAngstromPerFsAndTime() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "d.xyz", TrajectoryFixtures.extxyz(truth));
        Archive a = Archive.at(dir.resolve("arch-d").toString());
        ingest(ExtxyzReader.open(in, ExtxyzReader.VelocityUnit.ANGSTROM_PER_FS), opts("xyzD"), a);
        assertTrajectory(TrajectoryFixtures.readBack(a, "xyzD"), true);
        // no steps in extxyz and no --timestep-fs: Time= gives the frame interval only, the MD step is unknown (NaN)
        assertRunRow(a, "xyzD", "extxyz", Double.NaN);
    }

    @Test
    void extxyzVelocitiesInAngstromPerPsAreNotScaled() throws IOException {
        Traj t = TrajectoryFixtures.walkers(5, 3);
        String text = TrajectoryFixtures.extxyz(t);
        Path in = TrajectoryFixtures.write(dir, "ps.xyz", text);
        Archive a = Archive.at(dir.resolve("arch-ps").toString());
        ingest(ExtxyzReader.open(in, ExtxyzReader.VelocityUnit.parse("A/ps")), opts("xyzPs"), a);
        ReadBack rb = TrajectoryFixtures.readBack(a, "xyzPs");
        // the file holds v / 1000; read as Å/ps they stay v / 1000
        assertFloatEquals(t.vel[2][5] / 1000.0, rb.vel.get(2)[5], "velocity read as A/ps");
    }

    @Test
    void gzipCompressedDumpIsRead() throws IOException {
        Traj t = TrajectoryFixtures.walkers(12, 5);
        Path in = dir.resolve("e.lammpstrj.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(in))) {
            out.write(TrajectoryFixtures.dumpImages(t).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Archive a = Archive.at(dir.resolve("arch-gz").toString());
        RunInfo r = ingest(LammpsDumpReader.open(in, List.of("Ag", "Te")), opts("gz").timestepFs(2), a);
        assertEquals(12, r.nFrames());
        assertFloatEquals(t.pos[11][7], TrajectoryFixtures.readBack(a, "gz").pos.get(11)[7], "position");
    }

    @Test
    void reIngestingARunIdReplacesIt() throws IOException {
        Traj t = TrajectoryFixtures.walkers(30, 11);
        Archive a = Archive.at(dir.resolve("arch-re").toString());
        Path first = TrajectoryFixtures.write(dir, "re1.lammpstrj", TrajectoryFixtures.dumpImages(t));
        ingest(LammpsDumpReader.open(first, List.of("Ag", "Te")), opts("re").timestepFs(2).framesPerShard(10), a);
        assertEquals(List.of(0, 1, 2), a.shardIndices("re"));
        Traj t2 = TrajectoryFixtures.walkers(12, 12);
        Path second = TrajectoryFixtures.write(dir, "re2.lammpstrj", TrajectoryFixtures.dumpImages(t2));
        RunInfo r = ingest(LammpsDumpReader.open(second, List.of("Ag", "Te")),
                opts("re").timestepFs(2).framesPerShard(10).temperatureK(700), a);
        assertEquals(List.of(0, 1), a.shardIndices("re"), "no stale shard of the earlier run is left");
        assertEquals(r, RunsTableReader.find(a, "re").orElseThrow());
        assertEquals(700, r.temperatureK());
        ReadBack rb = TrajectoryFixtures.readBack(a, "re");
        assertEquals(12, rb.pos.size());
        assertFloatEquals(t2.pos[11][0], rb.pos.get(11)[0], "new trajectory");
    }

    @Test
    void successfulIngestRemovesStagingLeftByAKilledIngestOfTheSameRun() throws IOException {
        Path root = dir.resolve("arch-stale");
        Path staleSame = root.resolve(".ingest/st.123e4567-e89b-12d3-a456-426614174000/frames/run_id=st");
        Path staleOther = root.resolve(".ingest/st.x.123e4567-e89b-12d3-a456-426614174000/frames/run_id=st.x");
        Files.createDirectories(staleSame);
        Files.createDirectories(staleOther);
        Files.writeString(staleSame.resolve("part-00000.parquet"), "junk");
        Traj t = TrajectoryFixtures.walkers(3, 14);
        Path in = TrajectoryFixtures.write(dir, "st.lammpstrj", TrajectoryFixtures.dumpImages(t));
        ingest(LammpsDumpReader.open(in, List.of("Ag", "Te")), opts("st").timestepFs(1), Archive.at(root.toString()));
        assertFalse(Files.exists(staleSame.getParent().getParent()), "stale staging of run st is deleted");
        assertTrue(Files.exists(staleOther), "staging of run st.x is not touched");
    }

    @Test
    void systemAndMassesCanBeGiven() throws IOException {
        Traj t = TrajectoryFixtures.walkers(4, 13);
        Path in = TrajectoryFixtures.write(dir, "m.lammpstrj", TrajectoryFixtures.dumpImages(t));
        Archive a = Archive.at(dir.resolve("arch-m").toString());
        // type names in the other order: species follow --types order, counts Te 8, Ag 4
        RunInfo r = ingest(LammpsDumpReader.open(in, List.of("Te", "Ag")), opts("m").timestepFs(1).mass("Te", 127.0)
                .vacancyFraction(0.1).replica(3), a);
        assertEquals("Te2Ag", r.system());
        assertArrayEquals(new String[] {"Te", "Ag"}, r.species());
        assertArrayEquals(new double[] {127.0, 107.8682}, r.masses());
        assertEquals(0.1, r.vacancyFraction());
        assertEquals(3, r.replica());
        RunInfo s = ingest(LammpsDumpReader.open(in, List.of("Ag", "Te")), opts("m2").timestepFs(1).system("Ag2Te-bulk"), a);
        assertEquals("Ag2Te-bulk", s.system());
    }
}
