package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Structure;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one trajectory shard {@code frames/run_id=<runId>/part-NNNNN.parquet}: a contiguous block
 * of frames in long format, one row per atom per frame, sorted by (frame, atom), schema
 * {@link ArchiveSchemas#FRAMES} (positions as float, Å, unwrapped Cartesian; velocities as float,
 * Å/ps, null when not available). Encoding: ZSTD, dictionary for species/frame/time_ps, PLAIN
 * floats (never BYTE_STREAM_SPLIT, which Spark's vectorized reader refuses).
 *
 * <p>Rows go to a hidden temporary file ({@code .part-NNNNN.parquet.inprogress}) that no Spark reader
 * lists; {@link #commit()} closes it and renames it to the final name, replacing an older shard of
 * the same index. {@link #abort()} (or {@link #close()} without commit) deletes it. A crashed writer
 * leaves at most a hidden temporary file, which the next writer of that shard overwrites.
 *
 * <pre>{@code
 * try (FrameShardWriter w = FrameShardWriter.open(archive, "r1", 0, species)) {
 *     w.writeFrame(0, 0.0, positions, velocities);
 *     w.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class FrameShardWriter implements Closeable {
    /** Row-group size: a 50-frame × 1500-atom shard (≈ 3 MB before compression) fits one row group. */
    public static final long ROW_GROUP_BYTES = 32L << 20;

    private enum State { OPEN, COMMITTED, ABORTED, FAILED }

    private final Archive archive;
    private final String runId;
    private final int shardIndex;
    private final Path target;
    private final Path tmp;
    private final Binary[] speciesOfAtom;
    private final ParquetWriter<FrameRowWriteSupport.Row> writer;
    private final FrameRowWriteSupport.Row row = new FrameRowWriteSupport.Row();
    private State state = State.OPEN;
    private int firstFrame = -1;
    private int lastFrame = -1;
    private double lastTimePs;
    private long rows;

    private FrameShardWriter(Archive archive, String runId, int shardIndex, Binary[] speciesOfAtom) throws IOException {
        this.archive = archive;
        this.runId = runId;
        this.shardIndex = shardIndex;
        this.target = archive.shardFile(runId, shardIndex);
        this.tmp = Archive.temporaryFor(target);
        this.speciesOfAtom = speciesOfAtom;
        archive.fileSystem().mkdirs(target.getParent());
        Map<String, String> meta = Map.of("ionflow.archive.table", "frames", "ionflow.run_id", runId,
                "ionflow.shard", Integer.toString(shardIndex));
        this.writer = create(archive, tmp, target, meta);
    }

    private static ParquetWriter<FrameRowWriteSupport.Row> create(Archive archive, Path tmp, Path target, Map<String, String> meta)
            throws IOException {
        OutputFile out = HadoopOutputFile.fromPath(tmp, archive.configuration());
        try {
            return build(archive, out, meta);
        } catch (IOException e) {
            archive.deleteQuietly(tmp);
            throw DiskFull.explain(e, target, KEPT);
        }
    }

    private static ParquetWriter<FrameRowWriteSupport.Row> build(Archive archive, OutputFile out, Map<String, String> meta)
            throws IOException {
        return new Builder(out, new FrameRowWriteSupport(meta))
                .withConf(archive.configuration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(false)
                .withDictionaryEncoding("species", true)
                .withDictionaryEncoding("frame", true)
                .withDictionaryEncoding("time_ps", true)
                .withByteStreamSplitEncoding(false)
                .build();
    }

    /**
     * Starts shard {@code shardIndex} of run {@code runId}.
     *
     * @param speciesOfAtom species name of every atom, index = atom id; its length is the atom count
     */
    public static FrameShardWriter open(Archive archive, String runId, int shardIndex, String[] speciesOfAtom)
            throws IOException {
        RunIds.requireValid(runId);
        Archive.shardFileName(shardIndex); // validates the index
        if (speciesOfAtom == null || speciesOfAtom.length == 0) {
            throw new IllegalArgumentException("run " + runId + ": a shard needs at least one atom");
        }
        Map<String, Binary> distinct = new HashMap<>();
        Binary[] encoded = new Binary[speciesOfAtom.length];
        for (int i = 0; i < encoded.length; i++) {
            String s = speciesOfAtom[i];
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("run " + runId + ": atom " + i + " has no species name");
            }
            encoded[i] = distinct.computeIfAbsent(s, Binary::fromString);
        }
        return new FrameShardWriter(archive, runId, shardIndex, encoded);
    }

    /** Species name of every atom of {@code structure}, for {@link #open}. */
    public static String[] speciesOfAtoms(Structure structure) {
        String[] out = new String[structure.size()];
        for (int i = 0; i < out.length; i++) out[i] = structure.speciesName(structure.type(i));
        return out;
    }

    /**
     * Appends one frame: {@code atomCount()} rows in atom order.
     *
     * @param frame      0-based frame number; within a shard each frame is the previous one + 1
     * @param timePs     simulation time of the frame, ps (finite, increasing)
     * @param positions  unwrapped Cartesian positions [x0, y0, z0, x1, …], Å, 3N finite values
     * @param velocities velocities in the same layout, Å/ps, or null when not available
     * @throws IllegalArgumentException naming run, shard and frame when the input is invalid (nothing
     *                                  is written and the writer stays usable)
     */
    public void writeFrame(int frame, double timePs, double[] positions, double[] velocities) throws IOException {
        requireOpen();
        checkFrame(frame, timePs, positions, velocities);
        int n = speciesOfAtom.length;
        FrameRowWriteSupport.Row r = row;
        r.frame = frame;
        r.timePs = timePs;
        r.hasVelocity = velocities != null;
        try {
            for (int i = 0, k = 0; i < n; i++, k += 3) {
                r.atom = i;
                r.species = speciesOfAtom[i];
                r.x = (float) positions[k];
                r.y = (float) positions[k + 1];
                r.z = (float) positions[k + 2];
                if (velocities != null) {
                    r.vx = (float) velocities[k];
                    r.vy = (float) velocities[k + 1];
                    r.vz = (float) velocities[k + 2];
                }
                writer.write(r);
            }
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            if (DiskFull.is(e)) {
                throw DiskFull.explain(new IOException(e), target, KEPT);
            }
            throw new IOException(where(frame) + "write failed: " + e.getMessage(), e);
        }
        if (firstFrame < 0) firstFrame = frame;
        lastFrame = frame;
        lastTimePs = timePs;
        rows += n;
    }

    /**
     * Closes the file and publishes it under its final name, replacing an existing shard of the same
     * index. Refuses an empty shard.
     *
     * @return the final path {@code frames/run_id=<runId>/part-NNNNN.parquet}
     */
    /** What a full disk leaves behind, for the one-line message. */
    static final String KEPT = "the shards committed before it are kept and this one was removed; free space and resume"
            + " (simulate --resume continues from the last checkpoint, ingest starts again)";

    public Path commit() throws IOException {
        requireOpen();
        if (rows == 0) throw new IllegalStateException(where() + "no frames written; abort() an empty shard");
        try {
            writer.close();
            archive.publish(tmp, target);
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            archive.deleteQuietly(tmp);
            if (DiskFull.is(e)) {
                throw DiskFull.explain(new IOException(e), target, KEPT);
            }
            throw new IOException(where() + "commit failed: " + e.getMessage(), e);
        }
        state = State.COMMITTED;
        return target;
    }

    /** Discards the shard: closes and deletes the temporary file. Idempotent; a no-op after commit. */
    public void abort() {
        if (state == State.COMMITTED || state == State.ABORTED) return;
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // the file is deleted anyway
        }
        archive.deleteQuietly(tmp);
        state = State.ABORTED;
    }

    /** Aborts unless committed, so a try-with-resources block never publishes a partial shard. */
    @Override
    public void close() {
        abort();
    }

    public String runId() { return runId; }
    public int shardIndex() { return shardIndex; }
    public int atomCount() { return speciesOfAtom.length; }
    /** Number of frames written so far. */
    public int frameCount() { return firstFrame < 0 ? 0 : lastFrame - firstFrame + 1; }
    /** Rows written so far (frames × atoms). */
    public long rowCount() { return rows; }
    /** First frame of the shard, or -1 before the first {@link #writeFrame}. */
    public int firstFrame() { return firstFrame; }
    /** Last frame written, or -1 before the first {@link #writeFrame}. */
    public int lastFrame() { return lastFrame; }
    /** Final path of the shard (exists only after {@link #commit()}). */
    public Path path() { return target; }
    /** Hidden temporary path the rows go to before {@link #commit()}. */
    public Path temporaryPath() { return tmp; }

    private void checkFrame(int frame, double timePs, double[] positions, double[] velocities) {
        int n3 = 3 * speciesOfAtom.length;
        if (frame < 0) throw new IllegalArgumentException(where(frame) + "frame numbers start at 0");
        if (firstFrame >= 0 && frame != lastFrame + 1) {
            throw new IllegalArgumentException(where(frame) + "frame does not follow frame " + lastFrame
                    + " (frames in a shard must increase by 1)");
        }
        if (!Double.isFinite(timePs)) throw new IllegalArgumentException(where(frame) + "time_ps is " + timePs);
        if (firstFrame >= 0 && !(timePs > lastTimePs)) {
            throw new IllegalArgumentException(where(frame) + "time_ps " + timePs
                    + " is not after the previous frame's " + lastTimePs);
        }
        checkArray(frame, "positions", "position", positions, n3);
        if (velocities != null) checkArray(frame, "velocities", "velocity", velocities, n3);
    }

    private void checkArray(int frame, String what, String one, double[] a, int n3) {
        if (a == null) throw new IllegalArgumentException(where(frame) + what + " missing");
        if (a.length != n3) {
            throw new IllegalArgumentException(where(frame) + what + " must have 3 × " + speciesOfAtom.length
                    + " = " + n3 + " entries, got " + a.length);
        }
        for (int k = 0; k < n3; k++) {
            if (!Float.isFinite((float) a[k])) {
                throw new IllegalArgumentException(where(frame) + one + " of atom " + (k / 3) + " ("
                        + "xyz".charAt(k % 3) + ") is " + a[k] + (Double.isFinite(a[k]) ? " (too large for a float)" : ""));
            }
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) throw new IllegalStateException(where() + "writer is " + state.name().toLowerCase());
    }

    private String where() {
        return "run " + runId + ", shard " + Archive.shardFileName(shardIndex) + ": ";
    }

    private String where(int frame) {
        return "run " + runId + ", shard " + Archive.shardFileName(shardIndex) + ", frame " + frame + ": ";
    }

    private static final class Builder extends ParquetWriter.Builder<FrameRowWriteSupport.Row, Builder> {
        private final FrameRowWriteSupport support;

        Builder(OutputFile file, FrameRowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override protected Builder self() { return this; }

        @Override protected WriteSupport<FrameRowWriteSupport.Row> getWriteSupport(Configuration conf) { return support; }
    }
}
