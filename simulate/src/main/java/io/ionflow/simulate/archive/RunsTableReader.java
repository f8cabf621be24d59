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
import java.util.Set;

/**
 * The one reader of the {@code runs/} table, with parquet-hadoop (no Spark). Reads every visible file of
 * {@code runs/} (names not starting with {@code .} or {@code _}, as Spark does), whatever its name and however many
 * rows it has, so tables written by Spark are read too.
 *
 * <p>{@link #rows} is lenient per row: a row that is null where the contract forbids it or fails {@link RunInfo}'s
 * checks comes back with its problem, so a job can fail that run alone. A file that is not Parquet, or lacks a contract
 * column or has one of another type, is an {@link ArchiveFormatException} naming the file (every column problem at
 * once). {@link #readAll} and {@link #find} are the strict forms: the first bad row is an exception.
 */
public final class RunsTableReader {
    private RunsTableReader() {}

    /**
     * One row of {@code runs/}: its run, or why it is not one.
     *
     * @param file    the file holding the row
     * @param row     the row's index in the file, 0-based
     * @param runId   the row's run id; null when the row has none
     * @param info    the run; null when {@code problem} is set
     * @param problem e.g. "column 'n_frames' is null" or RunInfo's check ("run R: temperature_k must be positive…")
     */
    public record Row(Path file, long row, String runId, RunInfo info, String problem) {}

    /** All runs of the archive, sorted by run id; empty when there is no {@code runs/} directory. */
    public static List<RunInfo> readAll(Archive archive) throws IOException {
        List<RunInfo> runs = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Row r : rows(archive)) {
            if (r.problem() != null) throw new ArchiveFormatException(r.file(), "row " + r.row() + ": " + r.problem());
            Path before = seen.putIfAbsent(r.runId(), r.file());
            if (before != null) {
                throw new ArchiveFormatException(r.file(), "run " + r.runId() + " is also listed in " + before);
            }
            runs.add(r.info());
        }
        runs.sort(Comparator.comparing(RunInfo::runId));
        return runs;
    }

    /** The run {@code runId}, if the archive lists it. */
    public static Optional<RunInfo> find(Archive archive, String runId) throws IOException {
        RunIds.requireValid(runId);
        return readAll(archive).stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /** Every row of every file of {@code runs/}, files in name order; empty when there is no {@code runs/} directory. */
    public static List<Row> rows(Archive archive) throws IOException {
        FileStatus[] listing;
        try {
            listing = archive.fileSystem().listStatus(archive.runsDir());
        } catch (FileNotFoundException e) {
            return List.of();
        }
        Arrays.sort(listing, Comparator.comparing(st -> st.getPath().getName()));
        List<Row> rows = new ArrayList<>();
        for (FileStatus st : listing) {
            String name = st.getPath().getName();
            if (!st.isFile() || name.startsWith(".") || name.startsWith("_")) continue;
            rows.addAll(read(archive, st.getPath()));
        }
        return rows;
    }

    /** All rows of one runs-table file, in file order. */
    static List<Row> read(Archive archive, Path file) throws IOException {
        try (ParquetTableFile in = ParquetTableFile.open(archive, file)) {
            in.projectAll(ArchiveSchemas.RUN_COLUMNS, Set.of("potential"));
            List<Row> out = new ArrayList<>();
            try {
                for (ParquetTableFile.RowGroup g = in.nextRowGroup(); g != null; g = in.nextRowGroup()) {
                    Columns c = new Columns(in, g);
                    for (long i = 0; i < g.rows; i++) {
                        out.add(c.row(file, out.size()));
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

    /**
     * Reads one row per {@link #row} call from the columns of a row group. A null where the contract forbids one is
     * consumed and noted as the row's problem (the first one in column order), so the next row stays aligned.
     */
    private static final class Columns {
        private final ParquetTableFile in;
        private final ParquetTableFile.RowGroup group;
        private final Map<String, Col> cols = new HashMap<>();
        private String problem;

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

            boolean defined() { return r.getCurrentDefinitionLevel() == r.getDescriptor().getMaxDefinitionLevel(); }
        }

        Columns(ParquetTableFile in, ParquetTableFile.RowGroup group) {
            this.in = in;
            this.group = group;
        }

        Row row(Path file, long index) throws ArchiveFormatException {
            problem = null;
            String runId = string("run_id", false);
            String system = string("system", false);
            double temperature = dbl("temperature_k", false);
            double vacancies = dbl("vacancy_fraction", false);
            int replica = integer("replica");
            int atoms = integer("n_atoms");
            double timestep = dbl("timestep_fs", true);
            double interval = dbl("frame_interval_ps", false);
            int frames = integer("n_frames");
            double[] cell = doubles("cell");
            String[] species = strings("species");
            double[] masses = doubles("masses");
            String potential = in.column("potential") == null ? null : string("potential", true);
            long seed = bigint("seed");
            String source = string("source", false);
            if (problem != null) return new Row(file, index, runId, null, problem);
            try {
                return new Row(file, index, runId, new RunInfo(runId, system, temperature, vacancies, replica, atoms,
                        timestep, interval, frames, cell, species, masses, potential, seed, source), null);
            } catch (IllegalArgumentException e) {
                return new Row(file, index, runId, null, e.getMessage());
            }
        }

        private Col col(String name) throws ArchiveFormatException {
            Col c = cols.computeIfAbsent(name, n -> new Col(group.reader(n)));
            if (!c.hasNext()) throw new ArchiveFormatException(in.path(), "column '" + name + "' has fewer values than rows");
            return c;
        }

        private void note(String p) {
            if (problem == null) problem = p;
        }

        /** The column's value is present; else consumes the null (noting it unless allowed) and returns false. */
        private boolean present(String name, Col c, boolean nullable) {
            if (c.defined()) return true;
            if (!nullable) note("column '" + name + "' is null");
            c.consume();
            return false;
        }

        private String string(String name, boolean nullable) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, nullable)) return null;
            String v = c.r.getBinary().toStringUsingUTF8();
            c.consume();
            return v;
        }

        /** A double; NaN for null (an unknown timestep_fs when {@code nullable}). */
        private double dbl(String name, boolean nullable) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, nullable)) return Double.NaN;
            double v = c.r.getDouble();
            c.consume();
            return v;
        }

        private int integer(String name) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, false)) return 0;
            int v = c.r.getInteger();
            c.consume();
            return v;
        }

        private long bigint(String name) throws ArchiveFormatException {
            Col c = col(name);
            if (!present(name, c, false)) return 0;
            long v = c.r.getLong();
            c.consume();
            return v;
        }

        private double[] doubles(String name) throws ArchiveFormatException {
            Col c = col(name);
            double[] out = new double[8];
            int n = 0;
            for (boolean more = listStart(name, c); more; more = nextElement(name, c)) {
                if (n == out.length) out = Arrays.copyOf(out, 2 * n);
                if (c.defined()) out[n++] = c.r.getDouble();
            }
            return Arrays.copyOf(out, n);
        }

        private String[] strings(String name) throws ArchiveFormatException {
            Col c = col(name);
            List<String> out = new ArrayList<>();
            for (boolean more = listStart(name, c); more; more = nextElement(name, c)) {
                if (c.defined()) out.add(c.r.getBinary().toStringUsingUTF8());
            }
            return out.toArray(new String[0]);
        }

        /**
         * Positions on the first element of the list at the reader's position; false for a null or empty list (whose
         * placeholder entry is consumed; a null list is noted). The definition level says which it is.
         */
        private boolean listStart(String name, Col c) {
            int listDef = in.projection().getMaxDefinitionLevel(name);
            int def = c.r.getCurrentDefinitionLevel();
            if (def < listDef) note("column '" + name + "' is null");
            if (def <= listDef) {
                c.consume();
                return false;
            }
            if (!c.defined()) note("column '" + name + "' has a null element");
            return true;
        }

        /** Consumes the current element; true when the next value continues the same list (a null element is noted). */
        private boolean nextElement(String name, Col c) {
            c.consume();
            if (!c.hasNext() || c.r.getCurrentRepetitionLevel() == 0) return false;
            if (!c.defined()) note("column '" + name + "' has a null element");
            return true;
        }
    }
}
