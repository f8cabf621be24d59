package io.ionflow.simulate.campaign;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.structure.Box;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.zip.CRC32;

/**
 * The complete dynamical state of a run at the start of production shard {@code nextShard} (that is,
 * at frame {@code nextShard × framesPerShard}): positions, velocities, box, step count, the thermostat's
 * accumulated work and the random generator's state. Stored as {@code checkpoints/<runId>.ckpt}, a
 * small binary file with a magic header and a CRC-32, written under a hidden temporary name and
 * renamed when complete, so a reader never sees half a checkpoint.
 */
public record Checkpoint(String runId, int nextShard, long stepCount, Box box, double[] positions,
                         double[] velocities, double thermostatWork, byte[] rngState) {

    private static final String MAGIC = "IONFLOW-CKPT";
    private static final int VERSION = 1;

    public static Path path(Archive archive, String runId) {
        return new Path(archive.checkpointsDir(), runId + ".ckpt");
    }

    public void write(Archive archive) throws IOException {
        byte[] body = encode();
        CRC32 crc = new CRC32();
        crc.update(body);
        FileSystem fs = archive.fileSystem();
        Path target = path(archive, runId);
        Path tmp = Archive.temporaryFor(target);
        fs.mkdirs(target.getParent());
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(body);
            out.writeLong(crc.getValue());
            out.hsync();
        } catch (IOException e) {
            fs.delete(tmp, false);
            throw io.ionflow.simulate.archive.DiskFull.explain(e, target, "the previous checkpoint and every committed shard"
                    + " are kept; free space and resume (simulate --resume)");
        }
        archive.publish(tmp, target);
    }

    /** The file's body (everything before the CRC): header, then the state in a fixed order. */
    private byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 16 * positions.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(runId);
            out.writeInt(nextShard);
            out.writeLong(stepCount);
            out.writeDouble(box.lx());
            out.writeDouble(box.ly());
            out.writeDouble(box.lz());
            out.writeInt(positions.length);
            for (double x : positions) out.writeDouble(x);
            for (double v : velocities) out.writeDouble(v);
            out.writeDouble(thermostatWork);
            out.writeInt(rngState.length);
            out.write(rngState);
        }
        return bytes.toByteArray();
    }

    /** Reads a run's checkpoint, or returns null if there is none. A damaged file is an error naming it. */
    public static Checkpoint read(Archive archive, String runId) throws IOException {
        Path p = path(archive, runId);
        FileSystem fs = archive.fileSystem();
        byte[] all;
        try (FSDataInputStream in = fs.open(p)) {
            all = in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        }
        if (all.length < 8) throw new IOException(p + ": checkpoint is truncated (" + all.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) throw new IOException(p + ": checkpoint is corrupt (CRC mismatch)");
        return decode(p, all, runId);
    }

    /** The state from a body whose CRC was checked; header, version and run id are verified. */
    private static Checkpoint decode(Path p, byte[] all, String runId) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (!MAGIC.equals(in.readUTF())) throw new IOException(p + ": not an IonFlow checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw new IOException(p + ": unsupported checkpoint version " + version);
            String id = in.readUTF();
            if (!id.equals(runId)) throw new IOException(p + ": checkpoint belongs to run " + id + ", not " + runId);
            int shard = in.readInt();
            long step = in.readLong();
            Box box = new Box(in.readDouble(), in.readDouble(), in.readDouble());
            int n = in.readInt();
            double[] x = new double[n], v = new double[n];
            for (int k = 0; k < n; k++) x[k] = in.readDouble();
            for (int k = 0; k < n; k++) v[k] = in.readDouble();
            double work = in.readDouble();
            byte[] rng = new byte[in.readInt()];
            in.readFully(rng);
            return new Checkpoint(id, shard, step, box, x, v, work, rng);
        }
    }

    public static void delete(Archive archive, String runId) throws IOException {
        archive.fileSystem().delete(path(archive, runId), false);
    }

}
