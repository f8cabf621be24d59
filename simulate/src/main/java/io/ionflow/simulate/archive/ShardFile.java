package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame shard of a run, read column by column with parquet-mr (no Spark) — the fast reader of frame shards that
 * the msd, vacf and modes tasks use ({@link FrameShardReader} is the plain, strict reference): the contract columns
 * a task needs, checked by name and type when the file is opened, decoded one row group at a time into
 * {@link Columns}. Every problem with the file itself becomes a {@link Unreadable} whose message names the file,
 * in the words of the archive contract or of Parquet ("file … cannot be read: …", "column y is missing from
 * file …"). A column the contract allows to be null (vx, vy, vz), or that the job does not need, may be absent:
 * it reads as nulls, as Spark's reader gives it.
 */
public final class ShardFile implements Closeable {

    /** A shard that cannot be used; the message names the file. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message);
        }
    }

    /** The columns of one row group; a value is null where its {@code null…} flag is set (arrays null: none). */
    public static final class Columns {
        public int rows;
        public int[] frame;
        public boolean[] frameNull;
        public double[] time;
        public boolean[] timeNull;
        public int[] atom;
        public boolean[] atomNull;
        /** Index into the run's species list; −1: null, −2 − k: the k-th name of {@link #unknownSpecies}. */
        public int[] species;
        public final List<String> unknownSpecies = new ArrayList<>();
        /** Value columns absent from the file (read as nulls). */
        public final List<String> absent = new ArrayList<>();
        public float[][] values;
        public boolean[][] valueNull;
        /** vx (for the velocity check of frame 0); null when not read. */
        public float[] vx;
        public boolean[] vxNull;

        public String speciesName(int id, String[] runSpecies) {
            return id >= 0 ? runSpecies[id] : id == -1 ? null : unknownSpecies.get(-2 - id);
        }
    }

    private static final List<String> KEYS = List.of("frame", "time_ps", "atom", "species");

    private final String file;
    private final ParquetFileReader reader;
    /** Index of the row group {@link #nextRowGroup} or {@link #skipRowGroup} reads next. */
    private int nextGroup;
    private final MessageType projection;
    private final Map<String, ColumnDescriptor> columns = new HashMap<>();
    private final String[] valueColumns;
    private final ReadBuffers buffers;

    private ShardFile(String file, ParquetFileReader reader, MessageType projection, String[] valueColumns,
                      ReadBuffers buffers) {
        this.file = file;
        this.reader = reader;
        this.projection = projection;
        this.valueColumns = valueColumns;
        this.buffers = buffers;
        for (ColumnDescriptor d : projection.getColumns()) {
            columns.put(d.getPath()[0], d);
        }
    }

    /**
     * Opens a shard for reading {@code frame, time_ps, atom, species}, the three value columns and (when
     * {@code withVx}) vx.
     *
     * @param required how many of the leading value columns must be present (3: x, y, z for the MSD); the others may
     *                 be absent
     * @param buffers  the reading thread's buffers, reused across its row groups and files
     */
    public static ShardFile open(String file, Configuration conf, String[] valueColumns, int required, boolean withVx,
                                 ReadBuffers buffers) throws Unreadable {
        ParquetFileReader r;
        try {
            // options from the caller's (loaded) configuration: ParquetFileReader.open(InputFile) alone builds a fresh
            // Hadoop Configuration and parses its XML defaults for every file (≈ 7 % of a task's time, 50 files a run)
            ParquetReadOptions defaults = HadoopReadOptions.builder(conf).build();
            r = ParquetFileReader.open(input(file, conf), HadoopReadOptions.builder(conf).withAllocator(buffers)
                    .withCodecFactory(new ZstdPages(defaults.getCodecFactory(), buffers)).build());
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("file " + file + " cannot be read: " + withoutPath(Causes.rootFirstLine(e).strip(), file));
        }
        try {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            List<String> wanted = new ArrayList<>(KEYS);
            wanted.addAll(Arrays.asList(valueColumns));
            if (withVx && !wanted.contains("vx")) {
                wanted.add("vx");
            }
            List<String> missing = new ArrayList<>();
            for (String c : wanted) {
                int v = Arrays.asList(valueColumns).indexOf(c);
                boolean need = KEYS.contains(c) || (v >= 0 && v < required);
                if (!schema.containsField(c)) {
                    if (need) {
                        missing.add(c);
                    }
                    continue;
                }
                Type t = schema.getType(c);
                String problem = typeProblem(c, t);
                if (problem != null) {
                    throw new Unreadable("file " + file + " cannot be read: column " + c + " " + problem);
                }
                fields.add(t);
            }
            if (!missing.isEmpty()) {
                throw new Unreadable((missing.size() == 1 ? "column " + missing.get(0) + " is" : "columns "
                        + String.join(", ", missing) + " are") + " missing from file " + file);
            }
            MessageType projection = new MessageType(schema.getName(), fields);
            r.setRequestedSchema(projection);
            return new ShardFile(file, r, projection, valueColumns, buffers);
        } catch (Unreadable | RuntimeException e) {
            closeQuietly(r);
            throw e instanceof Unreadable u ? u : new Unreadable("file " + file + " cannot be read: " + Causes.rootFirstLine(e).strip());
        }
    }

    /** A {@code file:} shard through its channel ({@link LocalShardInput}), any other through Hadoop. */
    private static InputFile input(String file, Configuration conf) throws IOException {
        return file.startsWith("file:") ? LocalShardInput.of(file) : HadoopInputFile.fromPath(new Path(file), conf);
    }

    /** The run's shard files as Spark's reader sees them (names not starting with '.' or '_'), in name order. */
    public static String[] files(Archive archive, String runId) throws IOException {
        FileStatus[] all;
        try {
            all = archive.fileSystem().listStatus(archive.runFramesDir(runId));
        } catch (FileNotFoundException e) {
            return new String[0];
        }
        return Arrays.stream(all).filter(FileStatus::isFile).map(f -> f.getPath())
                .filter(p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"))
                .map(Object::toString).sorted().toArray(String[]::new);
    }
    private static String typeProblem(String column, Type t) {
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            return "is not a plain column (" + t.toString().strip() + ")";
        }
        PrimitiveType p = t.asPrimitiveType();
        PrimitiveTypeName want = switch (column) {
            case "frame", "atom" -> PrimitiveTypeName.INT32;
            case "time_ps" -> PrimitiveTypeName.DOUBLE;
            case "species" -> PrimitiveTypeName.BINARY;
            default -> PrimitiveTypeName.FLOAT;
        };
        boolean ok = p.getPrimitiveTypeName() == want && (want != PrimitiveTypeName.BINARY
                || p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation);
        return ok ? null : "has Parquet type '" + t.toString().strip().replaceAll("\\s+", " ") + "', the contract says "
                + switch (column) {
                    case "frame", "atom" -> "int";
                    case "time_ps" -> "double";
                    case "species" -> "string";
                    default -> "float";
                };
    }

    /**
     * Whether row group {@code g} may hold one of the given frames (false only when the footer's statistics of
     * {@code frame} exclude all of them).
     */
    public boolean mayHoldFrames(int g, int... frames) {
        BlockMetaData b = reader.getRowGroups().get(g);
        for (ColumnChunkMetaData c : b.getColumns()) {
            if (c.getPath().toDotString().equals("frame")) {
                Statistics<?> s = c.getStatistics();
                if (s instanceof IntStatistics is && is.hasNonNullValue() && !s.isEmpty()) {
                    for (int f : frames) {
                        if (f >= is.getMin() && f <= is.getMax()) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        }
        return true;
    }

    public int rowGroups() {
        return reader.getRowGroups().size();
    }

    /**
     * Rows of row group {@code g}. An empty row group (0 rows: the format allows it and some writers leave one) comes
     * from {@link #nextRowGroup} as columns of 0 rows, so that row groups keep their indices; parquet-mr's reader
     * alone would pass over it and decode the next one in its place.
     */
    public long rowGroupRows(int g) {
        return reader.getRowGroups().get(g).getRowCount();
    }

    /** Skips the next row group. */
    public void skipRowGroup() throws Unreadable {
        try {
            reader.skipNextRowGroup();
            nextGroup++;
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** A run's species names → their ids (index in the run's list), as {@link #nextRowGroup} maps them. */
    public static Map<String, Integer> speciesIds(List<String> species) {
        Map<String, Integer> ids = new HashMap<>();
        for (int s = 0; s < species.size(); s++) {
            ids.put(species.get(s), s);
        }
        return ids;
    }

    /** Decodes the next row group ({@code species} mapped onto the run's list). */
    public Columns nextRowGroup(Map<String, Integer> speciesIds, boolean withVx) throws Unreadable {
        return nextRowGroup(speciesIds, withVx, null);
    }

    /**
     * As {@link #nextRowGroup(Map, boolean)}, into the arrays of {@code reuse} (may be null; not to be used
     * afterwards) when they are long enough.
     */
    public Columns nextRowGroup(Map<String, Integer> speciesIds, boolean withVx, Columns reuse) throws Unreadable {
        if (nextGroup < rowGroups() && rowGroupRows(nextGroup) == 0) {
            skipRowGroup();
            return noRows(withVx);
        }
        try (PageReadStore pages = reader.readNextRowGroup()) { // closed: its chunk buffers go back to the buffers
            nextGroup++;
            if (pages == null) {
                return null;
            }
            int n = Math.toIntExact(pages.getRowCount());
            Columns c = new Columns();
            int nv = valueColumns.length;
            boolean keep = reuse != null && reuse.frame.length >= n && reuse.values.length >= nv;
            c.rows = n;
            c.frame = keep ? reuse.frame : new int[n];
            c.frameNull = pages(pages, "frame").ints(c.frame);
            c.atom = keep ? reuse.atom : new int[n];
            c.atomNull = pages(pages, "atom").ints(c.atom);
            c.time = keep ? reuse.time : new double[n];
            c.timeNull = pages(pages, "time_ps").doubles(c.time);
            c.species = keep ? reuse.species : new int[n];
            pages(pages, "species").names(c.species, speciesIds, c.unknownSpecies);
            c.values = new float[nv][];
            c.valueNull = new boolean[nv][];
            for (int k = 0; k < nv; k++) {
                c.values[k] = keep ? reuse.values[k] : new float[n];
                c.valueNull[k] = floats(pages, valueColumns[k], c.values[k], c.absent);
            }
            if (withVx) {
                int vx = Arrays.asList(valueColumns).indexOf("vx");
                c.vx = vx >= 0 ? c.values[vx] : keep ? separateVx(reuse) : new float[n];
                c.vxNull = vx >= 0 ? c.valueNull[vx] : floats(pages, "vx", c.vx, c.absent);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** The columns of an empty row group. */
    private Columns noRows(boolean withVx) {
        Columns c = new Columns();
        c.frame = new int[0];
        c.atom = new int[0];
        c.time = new double[0];
        c.species = new int[0];
        c.values = new float[valueColumns.length][0];
        c.valueNull = new boolean[valueColumns.length][];
        c.vx = withVx ? new float[0] : null;
        return c;
    }

    /** The vx array of {@code reuse} if it is not one of its value arrays, else a new one as long. */
    private static float[] separateVx(Columns reuse) {
        for (float[] v : reuse.values) {
            if (v == reuse.vx) {
                return new float[reuse.frame.length];
            }
        }
        return reuse.vx != null ? reuse.vx : new float[reuse.frame.length];
    }

    private ColumnPages pages(PageReadStore store, String name) throws IOException {
        ColumnDescriptor d = columns.get(name);
        return new ColumnPages(d, store.getPageReader(d), buffers);
    }

    /** An absent column reads as all null. */
    private boolean[] floats(PageReadStore store, String name, float[] out, List<String> absent) throws IOException {
        if (!columns.containsKey(name)) {
            absent.add(name);
            boolean[] all = new boolean[out.length];
            Arrays.fill(all, true);
            return all;
        }
        return pages(store, name).floats(out);
    }

    private Unreadable corrupt(Exception e) {
        return new Unreadable("file " + file + " cannot be read: " + withoutPath(Causes.rootFirstLine(e).strip(), file));
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(ParquetFileReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    /** Drops the file's own path from the start of Parquet's message (the line names it already). */
    private static String withoutPath(String message, String file) {
        for (String p : new String[] {file, file.replaceFirst("^file:/+", "/"), file.replaceFirst("^file:", "")}) {
            int at = message.indexOf(p);
            if (at >= 0) {
                return message.substring(at + p.length()).replaceFirst("^[:\\s]+", "");
            }
        }
        return message;
    }
}
