package io.ionflow.jobs.transport;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Writes the analysis tables of the transport jobs from their {@link Schemas#RESULT} rows, in the task
 * that computed them: {@code analysis/msd} (MSD) or {@code analysis/vacf} and {@code analysis/vdos} (VACF),
 * and {@code analysis/diffusion}, each run as one Parquet file in its {@code run_id=…} partition
 * ({@code run_id=…/method=…} for diffusion) under the job's hidden staging directories, which the driver
 * publishes when every run is done ({@link io.ionflow.jobs.spark.Publication}).
 *
 * <p>The files are what Spark's own {@code partitionBy("run_id").parquet(…)} of the same rows writes: the
 * same columns in the same order with the same Parquet types and repetition, the partition columns only in
 * the directory names, Snappy, and Spark's schema in the footer — written with parquet-mr directly so
 * that a job does not pay for one Spark write (planning, commit protocol) per table.
 *
 * <p>{@link #write} takes result rows with each run's rows together (a run is written only if none of its
 * rows failed) and passes on the same rows with the long arrays dropped (what the driver collects).
 */
final class ResultTables implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Spark writes this key with its version; the value is this build's Spark. */
    private static final String SPARK_VERSION_KEY = "org.apache.spark.version";
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    /** Thrown (inside a Spark task) when a table file cannot be written: an I/O error of the job, not a bad run. */
    static final class WriteFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    private final TransportJob.Kind kind;
    /** Staging directory of each table (MSD: msd, diffusion; VACF: vacf, vdos, diffusion). */
    private final Map<String, String> staging;
    private final SerializableConfiguration conf;
    /** Per run: {temperature_k, vacancy_fraction} for the diffusion table. */
    private final Map<String, double[]> conditions;

    ResultTables(TransportJob.Kind kind, Map<String, String> staging, Configuration conf, Map<String, double[]> conditions) {
        this.kind = kind;
        this.staging = Map.copyOf(staging);
        this.conf = new SerializableConfiguration(conf);
        this.conditions = Map.copyOf(conditions);
    }

    /** Tables written by a job of this kind, and their partition depth. */
    static Map<String, Integer> tables(TransportJob.Kind kind) {
        return kind == TransportJob.Kind.MSD ? Map.of("msd", 1, "diffusion", 2) : Map.of("vacf", 1, "vdos", 1, "diffusion", 2);
    }

    /**
     * Writes the tables of every run whose rows are all ok (status "ok", or "vdos" for the total VDOS row)
     * and returns the rows without their arrays.
     *
     * @param results result rows, each run's rows consecutive
     */
    Iterator<Row> write(Iterator<Row> results) {
        return new Iterator<>() {
            private Row pending;
            private final List<Row> out = new ArrayList<>();
            private int at;

            @Override
            public boolean hasNext() {
                if (at < out.size()) {
                    return true;
                }
                out.clear();
                at = 0;
                List<Row> run = new ArrayList<>();
                if (pending == null && results.hasNext()) {
                    pending = results.next();
                }
                while (pending != null && (run.isEmpty() || run.get(0).getInt(0) == pending.getInt(0))) {
                    run.add(pending);
                    pending = results.hasNext() ? results.next() : null;
                }
                if (run.isEmpty()) {
                    return false;
                }
                writeRun(run);
                for (Row r : run) {
                    out.add(summary(r));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(at++);
            }
        };
    }

    /** The row with the arrays (lag_ps, y0..y3, freq_thz, vdos) set to null. */
    static Row summary(Row r) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i >= 7 && i <= 13 ? null : r.get(i);
        }
        return RowFactory.create(v);
    }

    private void writeRun(List<Row> rows) {
        for (Row r : rows) {
            String status = r.getString(3);
            if (!"ok".equals(status) && !"vdos".equals(status)) {
                return; // a failed run: nothing written, the driver reports it
            }
        }
        String runId = rows.get(0).getString(1);
        Configuration c = conf.value();
        if (kind == TransportJob.Kind.MSD) {
            write(c, "msd", "run_id=" + runId, MSD, rows, (r, k) -> new Object[] {r.getString(2), at(r, 7, k), at(r, 8, k),
                    at(r, 9, k), at(r, 10, k), at(r, 11, k), nAtoms(r)}, r -> "ok".equals(r.getString(3)) && !r.isNullAt(7), 7);
        } else {
            write(c, "vacf", "run_id=" + runId, VACF, rows, (r, k) -> new Object[] {r.getString(2), at(r, 7, k), at(r, 8, k),
                    at(r, 9, k), at(r, 10, k)}, r -> "ok".equals(r.getString(3)) && !r.isNullAt(7), 7);
            write(c, "vdos", "run_id=" + runId, VDOS, rows, (r, k) -> new Object[] {r.getString(2), at(r, 12, k), at(r, 13, k)},
                    r -> !r.isNullAt(12) && !r.isNullAt(13), 12);
        }
        double[] tv = conditions.get(runId);
        write(c, "diffusion", "run_id=" + runId + "/method=" + kind.method(), DIFFUSION, rows, (r, k) -> new Object[] {
                r.getString(2), dbl(r, 14), dbl(r, 15), dbl(r, 16), dbl(r, 17), nAtoms(r), tv[0], tv[1], r.getString(18),
                r.isNullAt(19) ? null : r.getBoolean(19)},
                r -> "ok".equals(r.getString(3)), -1);
    }

    private interface Cells {
        Object[] of(Row r, int k);
    }

    private interface Filter {
        boolean keep(Row r);
    }

    /**
     * One table file of one run: for each kept row, one line per element of its array column {@code arrayCol}
     * (−1: one line per row). No file when no line.
     */
    private void write(Configuration c, String table, String partition, Table t, List<Row> rows, Cells cells, Filter keep,
                       int arrayCol) {
        List<Object[]> lines = new ArrayList<>();
        for (Row r : rows) {
            if (!keep.keep(r)) {
                continue;
            }
            int n = arrayCol < 0 ? 1 : RunMerger.doubles(r, arrayCol).length;
            for (int k = 0; k < n; k++) {
                lines.add(cells.of(r, k));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        Path dir = new Path(staging.get(table), partition);
        Path file = new Path(dir, "part-00000-ionflow.snappy.parquet");
        Path tmp = new Path(dir, ".part-00000-" + UUID.randomUUID() + ".inprogress");
        try {
            FileSystem fs = dir.getFileSystem(c);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, c)).withConf(c)
                    .withType(t.parquet).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withExtraMetaData(Map.of(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                            SPARK_SCHEMA_KEY, t.spark.json()))
                    .build()) {
                SimpleGroupFactory groups = new SimpleGroupFactory(t.parquet);
                for (Object[] line : lines) {
                    Group g = groups.newGroup();
                    for (int i = 0; i < line.length; i++) {
                        Object v = line[i];
                        if (v == null) {
                            continue;
                        }
                        if (v instanceof String s) {
                            g.append(t.names[i], s);
                        } else if (v instanceof Integer n) {
                            g.append(t.names[i], n);
                        } else if (v instanceof Boolean x) {
                            g.append(t.names[i], x);
                        } else {
                            g.append(t.names[i], (Double) v);
                        }
                    }
                    w.write(g);
                }
            }
            fs.delete(file, false); // a retried task replaces its earlier file
            if (!fs.rename(tmp, file)) {
                throw new IOException("could not rename " + tmp + " to " + file);
            }
        } catch (IOException e) {
            try {
                dir.getFileSystem(c).delete(tmp, false);
            } catch (IOException ignored) {
                // the staging directory is deleted with the job's outputs anyway
            }
            throw new WriteFailure("could not write the " + table + " table of run " + partition.substring(7).split("/")[0]
                    + " under " + staging.get(table) + ": " + e.getMessage(), e);
        }
    }

    private static Double at(Row r, int col, int k) {
        return RunMerger.doubles(r, col)[k];
    }

    private static Double dbl(Row r, int col) {
        return r.isNullAt(col) ? null : r.getDouble(col);
    }

    private static Integer nAtoms(Row r) {
        return r.isNullAt(6) ? null : r.getInt(6);
    }

    /** A table's file schema, as Parquet and as Spark writes it in the footer. */
    private static final class Table {
        final MessageType parquet;
        final StructType spark;
        final String[] names;

        Table(StructField... fields) {
            spark = new StructType(fields);
            names = spark.fieldNames();
            Types.MessageTypeBuilder b = Types.buildMessage();
            for (StructField f : fields) {
                Repetition rep = f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
                if (f.dataType() == DataTypes.StringType) {
                    b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
                } else if (f.dataType() == DataTypes.IntegerType) {
                    b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
                } else if (f.dataType() == DataTypes.BooleanType) {
                    b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
                } else {
                    b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
                }
            }
            parquet = b.named("spark_schema");
        }
    }

    private static StructField str(String name) {
        return DataTypes.createStructField(name, DataTypes.StringType, true);
    }

    private static StructField dbl(String name, boolean nullable) {
        return DataTypes.createStructField(name, DataTypes.DoubleType, nullable);
    }

    private static StructField intg(String name) {
        return DataTypes.createStructField(name, DataTypes.IntegerType, true);
    }

    static final Table MSD = new Table(str("species"), dbl("lag_ps", true), dbl("msd_a2", true), dbl("msd_x_a2", true),
            dbl("msd_y_a2", true), dbl("msd_z_a2", true), intg("n_atoms"));
    static final Table VACF = new Table(str("species"), dbl("lag_ps", true), dbl("vacf_a2_ps2", true), dbl("vacf_norm", true),
            dbl("gk_d_a2_ps", true));
    static final Table VDOS = new Table(str("species"), dbl("freq_thz", true), dbl("vdos_per_thz", true));
    static final Table DIFFUSION = new Table(str("species"), dbl("d_cm2_s", true), dbl("d_err_cm2_s", true),
            dbl("fit_start_ps", true), dbl("fit_end_ps", true), intg("n_atoms"), dbl("temperature_k", false),
            dbl("vacancy_fraction", false), str("note"), DataTypes.createStructField("diffusive", DataTypes.BooleanType, true));
}
