package io.ionflow.jobs.transport;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark schemas of the archive as the transport jobs read it, and of their intermediate rows. */
final class Schemas {
    private Schemas() {}

    private static final ArrayType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, false);

    /** frames/ with its partition column (DESIGN.md); given explicitly so run_id is always a string. */
    static final StructType FRAMES = new StructType(new StructField[] {
            DataTypes.createStructField("frame", DataTypes.IntegerType, true),
            DataTypes.createStructField("time_ps", DataTypes.DoubleType, true),
            DataTypes.createStructField("atom", DataTypes.IntegerType, true),
            DataTypes.createStructField("species", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.FloatType, true),
            DataTypes.createStructField("y", DataTypes.FloatType, true),
            DataTypes.createStructField("z", DataTypes.FloatType, true),
            DataTypes.createStructField("vx", DataTypes.FloatType, true),
            DataTypes.createStructField("vy", DataTypes.FloatType, true),
            DataTypes.createStructField("vz", DataTypes.FloatType, true),
            DataTypes.createStructField("run_id", DataTypes.StringType, true)});

    /** Per-partition partial sums of one (run, species), or a run's error (species −1). */
    static final StructType PARTIAL = new StructType(new StructField[] {
            DataTypes.createStructField("ridx", DataTypes.IntegerType, false),
            DataTypes.createStructField("species", DataTypes.IntegerType, false),
            DataTypes.createStructField("part", DataTypes.IntegerType, false),
            DataTypes.createStructField("atoms", DataTypes.IntegerType, false),
            DataTypes.createStructField("a1", DOUBLES, true),
            DataTypes.createStructField("a2", DOUBLES, true),
            DataTypes.createStructField("error", DataTypes.StringType, true),
            DataTypes.createStructField("err_frame", DataTypes.IntegerType, true)});

    /**
     * One (run, species) result, or a failed run (status "failed"). MSD: y0..y3 = total, x, y, z (Å²);
     * VACF: y0 = raw (Å²/ps²), y1 = normalised, y2 = Green–Kubo running integral (Å²/ps); VDOS in freq/vdos.
     * {@code diffusive}: whether D is a diffusion coefficient the data support (null for failed and VDOS rows).
     */
    static final StructType RESULT = new StructType(new StructField[] {
            DataTypes.createStructField("ridx", DataTypes.IntegerType, false),
            DataTypes.createStructField("run_id", DataTypes.StringType, false),
            DataTypes.createStructField("species", DataTypes.StringType, true),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("message", DataTypes.StringType, true),
            DataTypes.createStructField("err_frame", DataTypes.IntegerType, true),
            DataTypes.createStructField("n_atoms", DataTypes.IntegerType, true),
            DataTypes.createStructField("lag_ps", DOUBLES, true),
            DataTypes.createStructField("y0", DOUBLES, true),
            DataTypes.createStructField("y1", DOUBLES, true),
            DataTypes.createStructField("y2", DOUBLES, true),
            DataTypes.createStructField("y3", DOUBLES, true),
            DataTypes.createStructField("freq_thz", DOUBLES, true),
            DataTypes.createStructField("vdos", DOUBLES, true),
            DataTypes.createStructField("d_cm2_s", DataTypes.DoubleType, true),
            DataTypes.createStructField("d_err_cm2_s", DataTypes.DoubleType, true),
            DataTypes.createStructField("fit_start_ps", DataTypes.DoubleType, true),
            DataTypes.createStructField("fit_end_ps", DataTypes.DoubleType, true),
            DataTypes.createStructField("note", DataTypes.StringType, true),
            DataTypes.createStructField("diffusive", DataTypes.BooleanType, true)});
}
