package io.ionflow.simulate.archive;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.List;

import static io.ionflow.simulate.archive.ColumnSpec.Kind.BIGINT;
import static io.ionflow.simulate.archive.ColumnSpec.Kind.DOUBLE;
import static io.ionflow.simulate.archive.ColumnSpec.Kind.FLOAT;
import static io.ionflow.simulate.archive.ColumnSpec.Kind.INT;
import static io.ionflow.simulate.archive.ColumnSpec.Kind.STRING;

/**
 * The Parquet schemas of the trajectory archive (DESIGN.md, "Trajectory archive"), as written by
 * IonFlow, and the column lists the readers check any file against.
 *
 * <p>Our writers mark columns that can never be null as {@code required}; the readers also accept
 * {@code optional} columns (Spark writes everything as optional) and then refuse actual nulls in
 * columns the contract does not allow to be null. Arrays use the standard 3-level LIST layout
 * ({@code group (LIST) { repeated group list { element } }}).
 */
public final class ArchiveSchemas {
    private ArchiveSchemas() {}

    /** Schema of {@code frames/run_id=<id>/part-NNNNN.parquet}; no run_id column (it is the partition). */
    public static final MessageType FRAMES = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named("frame")
            .required(PrimitiveTypeName.DOUBLE).named("time_ps")
            .required(PrimitiveTypeName.INT32).named("atom")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("species")
            .required(PrimitiveTypeName.FLOAT).named("x")
            .required(PrimitiveTypeName.FLOAT).named("y")
            .required(PrimitiveTypeName.FLOAT).named("z")
            .optional(PrimitiveTypeName.FLOAT).named("vx")
            .optional(PrimitiveTypeName.FLOAT).named("vy")
            .optional(PrimitiveTypeName.FLOAT).named("vz")
            .named("ionflow_frames");

    /** Schema of {@code runs/<runId>.parquet}, one row per run. */
    public static final MessageType RUNS = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("system")
            .required(PrimitiveTypeName.DOUBLE).named("temperature_k")
            .required(PrimitiveTypeName.DOUBLE).named("vacancy_fraction")
            .required(PrimitiveTypeName.INT32).named("replica")
            .required(PrimitiveTypeName.INT32).named("n_atoms")
            .optional(PrimitiveTypeName.DOUBLE).named("timestep_fs") // null: MD time step unknown (ingested runs)
            .required(PrimitiveTypeName.DOUBLE).named("frame_interval_ps")
            .required(PrimitiveTypeName.INT32).named("n_frames")
            .addField(list("cell", Types.required(PrimitiveTypeName.DOUBLE).named("element")))
            .addField(list("species", Types.required(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named("element")))
            .addField(list("masses", Types.required(PrimitiveTypeName.DOUBLE).named("element")))
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("potential")
            .required(PrimitiveTypeName.INT64).named("seed")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .named("ionflow_runs");

    /** Contract columns of a frame shard, in file order; vx, vy, vz may be null. */
    static final List<ColumnSpec> FRAME_COLUMNS = List.of(
            ColumnSpec.of("frame", INT, false), ColumnSpec.of("time_ps", DOUBLE, false),
            ColumnSpec.of("atom", INT, false), ColumnSpec.of("species", STRING, false),
            ColumnSpec.of("x", FLOAT, false), ColumnSpec.of("y", FLOAT, false), ColumnSpec.of("z", FLOAT, false),
            ColumnSpec.of("vx", FLOAT, true), ColumnSpec.of("vy", FLOAT, true), ColumnSpec.of("vz", FLOAT, true));

    /** Contract columns of the runs table, in file order; only timestep_fs and potential may be null. */
    static final List<ColumnSpec> RUN_COLUMNS = List.of(
            ColumnSpec.of("run_id", STRING, false), ColumnSpec.of("system", STRING, false),
            ColumnSpec.of("temperature_k", DOUBLE, false), ColumnSpec.of("vacancy_fraction", DOUBLE, false),
            ColumnSpec.of("replica", INT, false), ColumnSpec.of("n_atoms", INT, false),
            ColumnSpec.of("timestep_fs", DOUBLE, true), ColumnSpec.of("frame_interval_ps", DOUBLE, false),
            ColumnSpec.of("n_frames", INT, false), ColumnSpec.arrayOf("cell", DOUBLE),
            ColumnSpec.arrayOf("species", STRING), ColumnSpec.arrayOf("masses", DOUBLE),
            ColumnSpec.of("potential", STRING, true), ColumnSpec.of("seed", BIGINT, false),
            ColumnSpec.of("source", STRING, false));

    /** The runs table's contract columns in file order, each with its type as Spark SQL names it (e.g. {@code array<double>}). */
    public static java.util.Map<String, String> runColumnTypes() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        RUN_COLUMNS.forEach(c -> out.put(c.name(), c.sqlType()));
        return out;
    }

    private static Type list(String name, Type element) {
        return Types.requiredGroup().as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element).named("list"))
                .named(name);
    }
}
