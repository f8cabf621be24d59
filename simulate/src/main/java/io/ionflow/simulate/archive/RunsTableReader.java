package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code runs/} table into {@link RunInfo} records with parquet-hadoop (no Spark). Reads
 * every visible file of {@code runs/} (names not starting with {@code .} or {@code _}, as Spark does),
 * whatever its name and however many rows it has, so tables written by Spark are read too.
 */
public final class RunsTableReader {
    private RunsTableReader() {}

    /** All runs of the archive, sorted by run id; empty when there is no {@code runs/} directory. */
    public static List<RunInfo> readAll(Archive archive) throws IOException {
        FileStatus[] listing;
        try {
            listing = archive.fileSystem().listStatus(archive.runsDir());
        } catch (FileNotFoundException e) {
            return List.of();
        }
        Arrays.sort(listing, Comparator.comparing(st -> st.getPath().getName()));
        List<RunInfo> runs = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (FileStatus st : listing) {
            String name = st.getPath().getName();
            if (!st.isFile() || name.startsWith(".") || name.startsWith("_")) continue;
            for (RunInfo r : read(archive, st.getPath())) {
                Path before = seen.putIfAbsent(r.runId(), st.getPath());
                if (before != null) {
                    throw new ArchiveFormatException(st.getPath(), "run " + r.runId() + " is also listed in " + before);
                }
                runs.add(r);
            }
        }
        runs.sort(Comparator.comparing(RunInfo::runId));
        return runs;
    }

    /** The run {@code runId}, if the archive lists it. */
    public static Optional<RunInfo> find(Archive archive, String runId) throws IOException {
        RunIds.requireValid(runId);
        return readAll(archive).stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /** All rows of one runs-table file, in file order. */
    public static List<RunInfo> read(Archive archive, Path file) throws IOException {
        try (ParquetTableFile in = ParquetTableFile.open(archive, file)) {
            in.project(ArchiveSchemas.RUN_COLUMNS);
            List<RunInfo> out = new ArrayList<>();
            try {
                for (ParquetTableFile.RowGroup g = in.nextRowGroup(); g != null; g = in.nextRowGroup()) {
                    Columns c = new Columns(in, g);
                    for (long i = 0; i < g.rows; i++) {
                        String runId = c.string("run_id");
                        try {
                            out.add(new RunInfo(runId, c.string("system"), c.dbl("temperature_k"),
                                    c.dbl("vacancy_fraction"), c.integer("replica"), c.integer("n_atoms"),
                                    c.dblOrNaN("timestep_fs"), c.dbl("frame_interval_ps"), c.integer("n_frames"),
                                    c.doubles("cell"), c.strings("species"), c.doubles("masses"),
                                    c.string("potential"), c.bigint("seed"), c.string("source")));
                        } catch (IllegalArgumentException e) {
                            throw new ArchiveFormatException(file, "row " + (out.size()) + ": " + e.getMessage());
                        }
                    }
                }
            } catch (ArchiveFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw in.corrupt(e);
            }
            return out;
        }
    }

    /** Reads one value (or one list) per call from each column of a row group. */
    private static final class Columns {
        private final ParquetTableFile in;
        private final ParquetTableFile.RowGroup group;
        private final Map<String, Col> cols = new HashMap<>();

        /** A column reader with a count of consumed values (readers cannot tell where they end). */
        private static final class Col {
            final ColumnReader r;
            final long total;
            long consumed;

            Col(ColumnReader r) {
                this.r = r;
                this.total = r.getTotalValueCount();
            }

            void consume() {
                r.consume();
                consumed++;
            }

            boolean hasNext() { return consumed < total; }
        }

        Columns(ParquetTableFile in, ParquetTableFile.RowGroup group) {
            this.in = in;
            this.group = group;
        }

        private Col col(String name) throws ArchiveFormatException {
            Col c = cols.computeIfAbsent(name, n -> new Col(group.reader(n)));
            if (!c.hasNext()) throw new ArchiveFormatException(in.path(), "column '" + name + "' has fewer values than rows");
            return c;
        }

        /** True when the current value is present; consumes a null (refusing it unless allowed). */
        private boolean present(String name, Col c, boolean nullable) throws ArchiveFormatException {
            if (c.r.getCurrentDefinitionLevel() == c.r.getDescriptor().getMaxDefinitionLevel()) return true;
            if (!nullable) throw nullIn(name);
            c.consume();
            return false;
        }

        private ArchiveFormatException nullIn(String name) {
            return new ArchiveFormatException(in.path(), "null in column '" + name
                    + "'; the contract does not allow nulls there");
        }

        private ArchiveFormatException nullElement(String name) {
            return new ArchiveFormatException(in.path(), "null element in array column '" + name
                    + "'; the contract does not allow it");
        }

        String string(String name) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, name.equals("potential"))) return null;
            String v = c.r.getBinary().toStringUsingUTF8();
            c.consume();
            return v;
        }

        double dbl(String name) throws ArchiveFormatException {
            Col c = col(name);
            present(name, c, false);
            double v = c.r.getDouble();
            c.consume();
            return v;
        }

        /** A nullable double column: NaN for null. */
        double dblOrNaN(String name) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, true)) return Double.NaN;
            double v = c.r.getDouble();
            c.consume();
            return v;
        }

        int integer(String name) throws ArchiveFormatException {
            Col c = col(name);
            present(name, c, false);
            int v = c.r.getInteger();
            c.consume();
            return v;
        }

        long bigint(String name) throws ArchiveFormatException {
            Col c = col(name);
            present(name, c, false);
            long v = c.r.getLong();
            c.consume();
            return v;
        }

        double[] doubles(String name) throws ArchiveFormatException {
            Col c = col(name);
            double[] out = new double[8];
            int n = 0;
            for (boolean more = listStart(name, c); more; more = nextElement(name, c)) {
                if (n == out.length) out = Arrays.copyOf(out, 2 * n);
                out[n++] = c.r.getDouble();
            }
            return Arrays.copyOf(out, n);
        }

        String[] strings(String name) throws ArchiveFormatException {
            Col c = col(name);
            List<String> out = new ArrayList<>();
            for (boolean more = listStart(name, c); more; more = nextElement(name, c)) {
                out.add(c.r.getBinary().toStringUsingUTF8());
            }
            return out.toArray(new String[0]);
        }

        /**
         * Positions on the first element of the list at the reader's position; false for an empty
         * list (whose placeholder entry is consumed). The definition level says whether the list is
         * null (refused), empty, or has a null element (refused).
         */
        private boolean listStart(String name, Col c) throws ArchiveFormatException {
            int listDef = in.projection().getMaxDefinitionLevel(name);
            int def = c.r.getCurrentDefinitionLevel();
            if (def < listDef) throw nullIn(name);
            if (def == listDef) {
                c.consume();
                return false;
            }
            if (def < c.r.getDescriptor().getMaxDefinitionLevel()) throw nullElement(name);
            return true;
        }

        /** Consumes the current element; true when the next value continues the same list. */
        private boolean nextElement(String name, Col c) throws ArchiveFormatException {
            c.consume();
            if (!c.hasNext() || c.r.getCurrentRepetitionLevel() == 0) return false;
            if (c.r.getCurrentDefinitionLevel() < c.r.getDescriptor().getMaxDefinitionLevel()) {
                throw nullElement(name);
            }
            return true;
        }
    }
}
