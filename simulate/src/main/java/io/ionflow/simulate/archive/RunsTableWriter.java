package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.io.IOException;
import java.util.Map;

/**
 * Writes the {@code runs/} table of an archive: one Parquet file {@code runs/<runId>.parquet} with
 * one row per run, schema {@link ArchiveSchemas#RUNS}. The file is written under a hidden temporary
 * name and renamed when complete; an existing file of the same run is replaced (see
 * {@link Archive#publish} for the short window on non-local file systems).
 */
public final class RunsTableWriter {
    private RunsTableWriter() {}

    /** Writes (or replaces) the row of {@code run}; returns the final path. */
    public static Path write(Archive archive, RunInfo run) throws IOException {
        Path target = archive.runFile(run.runId());
        Path tmp = Archive.temporaryFor(target);
        archive.fileSystem().mkdirs(target.getParent());
        OutputFile out = HadoopOutputFile.fromPath(tmp, archive.configuration());
        try (ParquetWriter<RunInfo> writer = new Builder(out)
                .withConf(archive.configuration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withDictionaryEncoding(false)
                .withByteStreamSplitEncoding(false)
                .build()) {
            writer.write(run);
        } catch (IOException | RuntimeException e) {
            archive.deleteQuietly(tmp);
            throw new IOException("run " + run.runId() + ": could not write " + target + ": " + e.getMessage(), e);
        }
        archive.publish(tmp, target);
        return target;
    }

    private static final class Builder extends ParquetWriter.Builder<RunInfo, Builder> {
        Builder(OutputFile file) { super(file); }

        @Override protected Builder self() { return this; }

        @Override protected WriteSupport<RunInfo> getWriteSupport(Configuration conf) { return new RunWriteSupport(); }
    }

    /** Writes one RunInfo as one record of {@link ArchiveSchemas#RUNS}. */
    private static final class RunWriteSupport extends WriteSupport<RunInfo> {
        private RecordConsumer rc;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(ArchiveSchemas.RUNS, Map.of("ionflow.archive.table", "runs"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) { this.rc = recordConsumer; }

        @Override
        public void write(RunInfo r) {
            rc.startMessage();
            string(0, "run_id", r.runId());
            string(1, "system", r.system());
            dbl(2, "temperature_k", r.temperatureK());
            dbl(3, "vacancy_fraction", r.vacancyFraction());
            integer(4, "replica", r.replica());
            integer(5, "n_atoms", r.nAtoms());
            if (r.timestepKnown()) dbl(6, "timestep_fs", r.timestepFs()); // else null: unknown
            dbl(7, "frame_interval_ps", r.frameIntervalPs());
            integer(8, "n_frames", r.nFrames());
            doubleList(9, "cell", r.cell());
            stringList(10, "species", r.species());
            doubleList(11, "masses", r.masses());
            if (r.potential() != null) string(12, "potential", r.potential());
            rc.startField("seed", 13);
            rc.addLong(r.seed());
            rc.endField("seed", 13);
            string(14, "source", r.source());
            rc.endMessage();
        }

        private void string(int index, String name, String value) {
            rc.startField(name, index);
            rc.addBinary(Binary.fromString(value));
            rc.endField(name, index);
        }

        private void dbl(int index, String name, double value) {
            rc.startField(name, index);
            rc.addDouble(value);
            rc.endField(name, index);
        }

        private void integer(int index, String name, int value) {
            rc.startField(name, index);
            rc.addInteger(value);
            rc.endField(name, index);
        }

        /** Standard 3-level LIST: name (LIST) { repeated group list { required element } }. */
        private void doubleList(int index, String name, double[] values) {
            rc.startField(name, index);
            rc.startGroup();
            if (values.length > 0) {
                rc.startField("list", 0);
                for (double v : values) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.addDouble(v);
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                rc.endField("list", 0);
            }
            rc.endGroup();
            rc.endField(name, index);
        }

        private void stringList(int index, String name, String[] values) {
            rc.startField(name, index);
            rc.startGroup();
            if (values.length > 0) {
                rc.startField("list", 0);
                for (String v : values) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.addBinary(Binary.fromString(v));
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                rc.endField("list", 0);
            }
            rc.endGroup();
            rc.endField(name, index);
        }
    }
}
