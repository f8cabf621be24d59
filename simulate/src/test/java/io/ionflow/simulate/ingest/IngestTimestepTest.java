package io.ionflow.simulate.ingest;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest records the MD time step only when it is known (given, or frame interval ÷ step
 * difference): an extended XYZ file's {@code Time=} values give the frame interval, not the MD step,
 * so its {@code timestep_fs} is null unless given; a LAMMPS dump without any timing is refused
 * rather than assumed to have 1 fs steps. Also: species named by any element symbol (Ar, Kr) get
 * their standard masses; a name that is no element symbol needs {@code --masses}.
 */
class IngestTimestepTest {
    /** GPUMD-like times: frame 0 at 1000 fs, frames 50 fs apart (the MD step is not in the file). */
    static final double T0_FS = 1000, DT_FS = 50, INTERVAL_PS = DT_FS * 1e-3;
    static final int FRAMES = 6;

    @TempDir
    Path dir;

    /** 2 Ar + 1 Kr (or other species names) in a 10 Å cube, moving slowly; Time= in fs. */
    static String extxyz(String a, String b) {
        StringBuilder sb = new StringBuilder();
        String[] sp = {a, b, a};
        for (int f = 0; f < FRAMES; f++) {
            sb.append("3\nTime=").append(T0_FS + f * DT_FS)
                    .append(" Lattice=\"10.0 0.0 0.0 0.0 10.0 0.0 0.0 0.0 10.0\" pbc=\"T T T\" Properties=species:S:1:pos:R:3\n");
            for (int i = 0; i < 3; i++) {
                sb.append(sp[i]).append(' ').append(1.0 + 3 * i + 0.1 * f).append(' ').append(2.0 + i).append(' ')
                        .append(3.0 - 0.05 * f).append('\n');
            }
        }
        return sb.toString();
    }

    /** A LAMMPS dump, frames {@code stepsPerFrame} steps apart, no ITEM: TIME. */
    static String dump(int frames, long stepsPerFrame) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < frames; f++) {
            sb.append("ITEM: TIMESTEP\n").append(f * stepsPerFrame).append("\nITEM: NUMBER OF ATOMS\n2\n");
            sb.append("ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\nITEM: ATOMS id element xu yu zu\n");
            sb.append("2 Kr 5 5 ").append(5 + 0.1 * f).append('\n');
            sb.append("1 Ar 1 ").append(1 + 0.2 * f).append(" 1\n");
        }
        return sb.toString();
    }

    private static IngestOptions opts(String runId) {
        return new IngestOptions().runId(runId).temperatureK(300).framesPerShard(4);
    }

    private static RunInfo ingestXyz(Path in, Archive a, IngestOptions o) throws IOException {
        try (TrajectorySource src = ExtxyzReader.open(in, ExtxyzReader.VelocityUnit.ANGSTROM_PER_FS)) {
            return Ingest.run(a, src, o);
        }
    }

    private static RunInfo ingestDump(Path in, Archive a, IngestOptions o) throws IOException {
        try (TrajectorySource src = LammpsDumpReader.open(in, List.of())) {
            return Ingest.run(a, src, o);
        }
    }

    /** The runs row's timestep_fs as stored in Parquet: null when the value is absent. */
    private static Double storedTimestep(Archive a, String runId) throws IOException {
        org.apache.hadoop.fs.Path file = a.runFile(runId);
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, a.configuration()))) {
            PrimitiveType t = r.getFooter().getFileMetaData().getSchema().getType("timestep_fs").asPrimitiveType();
            assertEquals(PrimitiveTypeName.DOUBLE, t.getPrimitiveTypeName(), "timestep_fs stays a double column");
        }
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), file).withConf(a.configuration()).build()) {
            Group g = r.read();
            assertNull(r.read(), "one row per run");
            return g.getFieldRepetitionCount("timestep_fs") == 0 ? null : g.getDouble("timestep_fs", 0);
        }
    }

    @Test
    void extxyzWithoutTimestepRecordsItAsUnknown() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "gpumd.xyz", extxyz("Ar", "Kr"));
        Archive a = Archive.at(dir.resolve("archive").toString());
        RunInfo r = ingestXyz(in, a, opts("xyz"));
        assertTrue(Double.isNaN(r.timestepFs()), "time step unknown, got " + r.timestepFs());
        assertEquals(INTERVAL_PS, r.frameIntervalPs(), 1e-12, "frame interval from the Time= differences");
        assertNull(storedTimestep(a, "xyz"), "timestep_fs is null in runs/");
        RunInfo back = RunsTableReader.find(a, "xyz").orElseThrow();
        assertTrue(Double.isNaN(back.timestepFs()), "read back as unknown, got " + back.timestepFs());
        assertEquals(INTERVAL_PS, back.frameIntervalPs(), 1e-12);
        assertEquals(FRAMES, back.nFrames());
        assertEquals(r, back);
        List<Double> times = TrajectoryFixtures.readBack(a, "xyz").time;
        for (int f = 0; f < FRAMES; f++) assertEquals(f * INTERVAL_PS, times.get(f), 1e-12, "time of frame " + f);
        // Ar and Kr are known elements: standard masses, no --masses needed
        assertEquals("Ar2Kr", back.system());
        assertArrayEquals(new String[] {"Ar", "Kr"}, back.species());
        assertArrayEquals(new double[] {39.95, 83.798}, back.masses(), 1e-9);
    }

    @Test
    void extxyzWithTimestepRecordsTheGivenStep() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "gpumd.xyz", extxyz("Ar", "Kr"));
        Archive a = Archive.at(dir.resolve("archive").toString());
        RunInfo r = ingestXyz(in, a, opts("xyz2").timestepFs(2.5));
        assertEquals(2.5, r.timestepFs());
        assertEquals(2.5, storedTimestep(a, "xyz2"));
        RunInfo back = RunsTableReader.find(a, "xyz2").orElseThrow();
        assertEquals(2.5, back.timestepFs());
        assertEquals(INTERVAL_PS, back.frameIntervalPs(), 1e-12, "the interval still comes from Time=");
    }

    @Test
    void lammpsDumpWithoutAnyTimingIsRefusedNotAssumedToHave1FsSteps() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "notime.lammpstrj", dump(4, 100));
        Archive a = Archive.at(dir.resolve("archive").toString());
        TrajectoryFormatException e = assertThrows(TrajectoryFormatException.class, () -> ingestDump(in, a, opts("lmp")));
        String m = e.getMessage();
        assertTrue(e.file().endsWith("notime.lammpstrj") && m.contains("notime.lammpstrj: line 1, frame 0: "), m);
        assertTrue(m.contains("--timestep-fs") && m.contains("--frame-interval-ps") && m.contains("ITEM: TIME"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("1 fs"), "no time step is suggested as a default: " + m);
        assertFalse(a.fileSystem().exists(a.runFile("lmp")), "nothing written");
    }

    @Test
    void lammpsDumpWithFrameIntervalOnlyDerivesTheTimestepFromTheSteps() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "steps.lammpstrj", dump(4, 100));
        Archive a = Archive.at(dir.resolve("archive").toString());
        RunInfo r = ingestDump(in, a, opts("lmpDt").frameIntervalPs(0.05));
        assertEquals(0.05, r.frameIntervalPs(), 1e-15);
        assertEquals(0.5, r.timestepFs(), 1e-12, "0.05 ps / 100 steps");
        assertEquals(0.5, storedTimestep(a, "lmpDt"), 1e-12);
        // atoms come in the file as id 2, id 1: sorted by id, atom 0 is Ar
        assertArrayEquals(new String[] {"Ar", "Kr"}, r.species());
        assertEquals(1.6f, (float) TrajectoryFixtures.readBack(a, "lmpDt").pos.get(3)[1], 1e-6f);
    }

    @Test
    void singleFrameDumpWithFrameIntervalOnlyHasAnUnknownTimestep() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "one.lammpstrj", dump(1, 100));
        Archive a = Archive.at(dir.resolve("archive").toString());
        RunInfo r = ingestDump(in, a, opts("one").frameIntervalPs(0.05));
        assertEquals(1, r.nFrames());
        assertTrue(Double.isNaN(r.timestepFs()), "no step difference: time step unknown, got " + r.timestepFs());
        assertNull(storedTimestep(a, "one"));
    }

    @Test
    void speciesThatAreNotElementSymbolsNeedMasses() throws IOException {
        Path in = TrajectoryFixtures.write(dir, "ab.xyz", extxyz("A", "B1"));
        Archive a = Archive.at(dir.resolve("archive").toString());
        TrajectoryFormatException e = assertThrows(TrajectoryFormatException.class, () -> ingestXyz(in, a, opts("ab").timestepFs(1)));
        assertTrue(e.getMessage().contains("species 'A' is not a chemical element symbol")
                && e.getMessage().contains("--masses A="), e.getMessage());
        RunInfo r = ingestXyz(in, a, opts("ab").timestepFs(1).mass("A", 39.95).mass("B1", 83.8));
        assertArrayEquals(new double[] {39.95, 83.8}, r.masses());
        // --masses overrides a standard mass
        Path ar = TrajectoryFixtures.write(dir, "ar.xyz", extxyz("Ar", "Kr"));
        assertArrayEquals(new double[] {40.0, 83.798}, ingestXyz(ar, a, opts("ar").timestepFs(1).mass("Ar", 40.0)).masses(), 1e-12);
    }
}
