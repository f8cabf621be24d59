package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a trajectory shard back into arrays with parquet-hadoop (no Spark). Accepts any file with
 * the contract columns and types (extra columns are ignored, optional columns are fine), refuses
 * nulls where the contract forbids them. Does not check the row order or values; call
 * {@link FrameShard#validate()} for that.
 */
public final class FrameShardReader {
    private FrameShardReader() {}

    /** Reads the committed shard {@code frames/run_id=<runId>/part-NNNNN.parquet}. */
    public static FrameShard read(Archive archive, String runId, int shardIndex) throws IOException {
        return read(archive, archive.shardFile(runId, shardIndex));
    }

    /** Reads any frame shard file of the archive's file system. */
    public static FrameShard read(Archive archive, Path file) throws IOException {
        try (ParquetTableFile in = ParquetTableFile.open(archive, file)) {
            in.project(ArchiveSchemas.FRAME_COLUMNS);
            long total = in.rowCount();
            if (total > Integer.MAX_VALUE / 3) {
                throw new ArchiveFormatException(file, total + " rows are too many for one shard");
            }
            int n = (int) total;
            int[] frames = new int[n];
            double[] times = new double[n];
            int[] atoms = new int[n];
            String[] species = new String[n];
            float[] pos = new float[3 * n];
            float[] vel = new float[3 * n];
            boolean anyVelocity = false;
            int offset = 0;
            try {
                for (ParquetTableFile.RowGroup g = in.nextRowGroup(); g != null; g = in.nextRowGroup()) {
                    int rows = (int) g.rows;
                    readInts(in, g.reader("frame"), frames, offset, rows);
                    readDoubles(in, g.reader("time_ps"), times, offset, rows);
                    readInts(in, g.reader("atom"), atoms, offset, rows);
                    readStrings(in, g.reader("species"), species, offset, rows);
                    for (int c = 0; c < 3; c++) {
                        readFloats(in, g.reader("xyz".substring(c, c + 1)), pos, offset, rows, c, false);
                        anyVelocity |= readFloats(in, g.reader("v" + "xyz".charAt(c)), vel, offset, rows, c, true);
                    }
                    offset += rows;
                }
            } catch (ArchiveFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw in.corrupt(e);
            }
            if (offset != n) throw new ArchiveFormatException(file, "footer promises " + n + " rows, found " + offset);
            return new FrameShard(file, in.metadata(), frames, times, atoms, species, pos, anyVelocity ? vel : null);
        }
    }

    private static void readInts(ParquetTableFile in, ColumnReader r, int[] out, int offset, int rows)
            throws ArchiveFormatException {
        int max = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < rows; i++) {
            if (r.getCurrentDefinitionLevel() != max) throw nullValue(in, r, offset + i);
            out[offset + i] = r.getInteger();
            r.consume();
        }
    }

    private static void readDoubles(ParquetTableFile in, ColumnReader r, double[] out, int offset, int rows)
            throws ArchiveFormatException {
        int max = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < rows; i++) {
            if (r.getCurrentDefinitionLevel() != max) throw nullValue(in, r, offset + i);
            out[offset + i] = r.getDouble();
            r.consume();
        }
    }

    private static void readStrings(ParquetTableFile in, ColumnReader r, String[] out, int offset, int rows)
            throws ArchiveFormatException {
        int max = r.getDescriptor().getMaxDefinitionLevel();
        Map<Binary, String> cache = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            if (r.getCurrentDefinitionLevel() != max) throw nullValue(in, r, offset + i);
            Binary b = r.getBinary();
            String s = cache.get(b);
            if (s == null) {
                s = b.toStringUsingUTF8();
                cache.put(b.copy(), s);
            }
            out[offset + i] = s;
            r.consume();
        }
    }

    /** Reads component {@code c} of an interleaved xyz column; returns true if any value was non-null. */
    private static boolean readFloats(ParquetTableFile in, ColumnReader r, float[] out, int offset, int rows, int c,
                                      boolean nullable) throws ArchiveFormatException {
        int max = r.getDescriptor().getMaxDefinitionLevel();
        boolean any = false;
        for (int i = 0; i < rows; i++) {
            float v;
            if (r.getCurrentDefinitionLevel() == max) {
                v = r.getFloat();
                any = true;
            } else if (nullable) {
                v = Float.NaN;
            } else {
                throw nullValue(in, r, offset + i);
            }
            out[3 * (offset + i) + c] = v;
            r.consume();
        }
        return any;
    }

    private static ArchiveFormatException nullValue(ParquetTableFile in, ColumnReader r, int row) {
        return new ArchiveFormatException(in.path(), "null in column '" + r.getDescriptor().getPath()[0]
                + "' at row " + row + "; the contract does not allow nulls there");
    }
}
