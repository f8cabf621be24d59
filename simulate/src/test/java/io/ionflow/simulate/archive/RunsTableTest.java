package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Structure;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsTableTest {
    @TempDir
    Path dir;

    private final Structure s = ArchiveFixtures.ag2te(1);

    @Test
    void writesOneFilePerRunAndReadsItBack() throws Exception {
        Archive a = Archive.at(dir.toString());
        RunInfo r1 = ArchiveFixtures.run("r1", s, 0, "ionflow-md");
        RunInfo r2 = new RunInfo("r2", "AgI", 573, 0, 0, 3, 2, 0.1, 7, new double[] {1, 0.5, 0, 0, 2, 0, 0, 0, 3},
                new String[] {"Ag", "I"}, new double[] {107.8682, 126.90447}, null, -5, "extxyz");
        RunsTableWriter.write(a, r2);
        assertEquals(a.runFile("r1"), RunsTableWriter.write(a, r1));
        assertEquals(List.of(r1, r2), RunsTableReader.readAll(a));
        assertEquals(r2, RunsTableReader.find(a, "r2").orElseThrow());
        assertTrue(RunsTableReader.find(a, "r3").isEmpty());
        assertEquals(List.of("runs/r1.parquet", "runs/r2.parquet"), ArchiveFixtures.listFiles(dir));
    }

    @Test
    void anUnknownTimestepIsWrittenAsNullAndReadBackAsNaN() throws Exception {
        Archive a = Archive.at(dir.toString());
        RunInfo r = new RunInfo("x1", "Ag2Te", 500, 0, 0, 3, Double.NaN, 0.05, 4, new double[] {6, 0, 0, 0, 6, 0, 0, 0, 6},
                new String[] {"Ag", "Te"}, new double[] {107.8682, 127.60}, null, 0, "extxyz");
        RunsTableWriter.write(a, r);
        try (ParquetReader<Group> in = ParquetReader.builder(new GroupReadSupport(), a.runFile("x1"))
                .withConf(a.configuration()).build()) {
            Group g = in.read();
            assertEquals(0, g.getFieldRepetitionCount("timestep_fs"), "null, not NaN, in the file");
            assertEquals(0.05, g.getDouble("frame_interval_ps", 0));
        }
        RunInfo back = RunsTableReader.find(a, "x1").orElseThrow();
        assertTrue(Double.isNaN(back.timestepFs()) && !back.timestepKnown());
        assertEquals(r, back);
        // a known time step next to it: both rows read
        RunsTableWriter.write(a, ArchiveFixtures.run("r1", s, 3, "ionflow-md"));
        assertEquals(1.0, RunsTableReader.find(a, "r1").orElseThrow().timestepFs());
    }

    @Test
    void replacesTheRowOfARun() throws Exception {
        Archive a = Archive.at(dir.toString());
        RunInfo r1 = ArchiveFixtures.run("r1", s, 0, "ionflow-md");
        RunsTableWriter.write(a, r1);
        RunsTableWriter.write(a, r1.withNFrames(250));
        assertEquals(List.of(r1.withNFrames(250)), RunsTableReader.readAll(a));
        assertEquals(List.of("runs/r1.parquet"), ArchiveFixtures.listFiles(dir));
    }

    @Test
    void schemaIsExactlyTheContract() throws Exception {
        Archive a = Archive.at(dir.toString());
        RunsTableWriter.write(a, ArchiveFixtures.run("r1", s, 3, "ionflow-md"));
        MessageType expected = MessageTypeParser.parseMessageType("""
                message ionflow_runs {
                  required binary run_id (STRING);
                  required binary system (STRING);
                  required double temperature_k;
                  required double vacancy_fraction;
                  required int32 replica;
                  required int32 n_atoms;
                  optional double timestep_fs;
                  required double frame_interval_ps;
                  required int32 n_frames;
                  required group cell (LIST) { repeated group list { required double element; } }
                  required group species (LIST) { repeated group list { required binary element (STRING); } }
                  required group masses (LIST) { repeated group list { required double element; } }
                  optional binary potential (STRING);
                  required int64 seed;
                  required binary source (STRING);
                }""");
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(a.runFile("r1"), a.configuration()))) {
            assertEquals(expected, r.getFooter().getFileMetaData().getSchema());
            assertEquals(1, r.getRecordCount());
        }
    }

    @Test
    void emptyArchiveHasNoRunsAndHiddenFilesAreSkipped() throws Exception {
        Archive a = Archive.at(dir.toString());
        assertEquals(List.of(), RunsTableReader.readAll(a));
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs/.r9.parquet.inprogress"), "partial");
        Files.writeString(dir.resolve("runs/_SUCCESS"), "");
        assertEquals(List.of(), RunsTableReader.readAll(a));
    }

    @Test
    void corruptFileIsNamedInTheError() throws Exception {
        Archive a = Archive.at(dir.toString());
        RunsTableWriter.write(a, ArchiveFixtures.run("r1", s, 3, "ionflow-md"));
        Files.writeString(dir.resolve("runs/r2.parquet"), "this is not parquet");
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> RunsTableReader.readAll(a));
        assertTrue(e.getMessage().startsWith(a.runFile("r2") + ": not a readable Parquet file"), e.getMessage());
    }
}
