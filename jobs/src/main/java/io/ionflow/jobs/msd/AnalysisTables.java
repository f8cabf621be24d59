package io.ionflow.jobs.msd;

import io.ionflow.analyze.transport.RunResult;
import io.ionflow.analyze.transport.Method;
import io.ionflow.jobs.archive.StagedPartitions;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ionflow.jobs.archive.Tables.schema;

/**
 * The analysis tables of the transport jobs, written from the runs' results with Spark's Parquet writer into hidden
 * staging directories ({@link StagedPartitions#stage}): {@code analysis/msd} (MSD) or {@code analysis/vacf}
 * and {@code analysis/vdos} (VACF), partitioned by run_id, and {@code analysis/diffusion}, partitioned by run_id and
 * method (DESIGN.md). Only runs that succeeded are written.
 */
final class AnalysisTables {
    private AnalysisTables() {}

    static final StructType MSD = schema("run_id:s", "species:s", "lag_ps:d", "msd_a2:d", "msd_x_a2:d", "msd_y_a2:d",
            "msd_z_a2:d", "n_atoms:i");
    static final StructType VACF = schema("run_id:s", "species:s", "lag_ps:d", "vacf_a2_ps2:d", "vacf_norm:d",
            "gk_d_a2_ps:d");
    static final StructType VDOS = schema("run_id:s", "species:s", "freq_thz:d", "vdos_per_thz:d");
    static final StructType DIFFUSION = schema("run_id:s", "method:s", "species:s", "d_cm2_s:d", "d_err_cm2_s:d",
            "fit_start_ps:d", "fit_end_ps:d", "n_atoms:i", "temperature_k:d", "vacancy_fraction:d", "note:s",
            "diffusive:b");

    /**
     * Stages every table of {@code kind} from the (persisted) results; the tables are written side by side (one Spark
     * job each, from threads of the driver). If one write fails, the others' staging is discarded.
     */
    static List<StagedPartitions> stage(SparkSession spark, Archive archive, Method kind,
                                                      JavaRDD<RunResult> results, Map<String, double[]> conditions)
            throws IOException {
        JavaRDD<RunResult> ok = results.filter(RunResult::ok);
        String method = kind.method();
        List<Callable<StagedPartitions>> writes = new ArrayList<>();
        if (kind == Method.MSD) {
            writes.add(() -> stageCurves(spark, archive, "msd", ok, MSD));
        } else {
            writes.add(() -> stageCurves(spark, archive, "vacf", ok, VACF));
            writes.add(() -> StagedPartitions.stage(archive, archive.analysisTable("vdos"),
                    spark.createDataFrame(ok.flatMap(r -> vdosRows(r).iterator()), VDOS), "run_id"));
        }
        // a few rows per run: one task, so that the curve table's tasks get the other slots meanwhile
        writes.add(() -> StagedPartitions.stage(archive, archive.analysisTable("diffusion"), spark.createDataFrame(
                ok.flatMap(r -> diffusionRows(r, method, conditions.get(r.runId())).iterator()).coalesce(1), DIFFUSION),
                "run_id", "method"));
        return sideBySide(writes);
    }

    private static List<StagedPartitions> sideBySide(List<Callable<StagedPartitions>> writes)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(writes.size());
        List<StagedPartitions> done = new ArrayList<>();
        Exception failure = null;
        try {
            for (Future<StagedPartitions> f : pool.invokeAll(writes)) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    failure = failure == null && e.getCause() instanceof Exception c ? c : failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted while writing the tables", e);
        } finally {
            pool.shutdown();
        }
        if (failure != null) {
            for (StagedPartitions st : done) {
                st.discard();
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(failure.getMessage(), failure);
        }
        return done;
    }

    /**
     * A curve table (msd, vacf): one row per run and species holding the lag grid and the curves as arrays, turned
     * into one row per lag by Spark ({@code inline(arrays_zip(…))}) — the same rows and schema as building them one
     * by one, at a fraction of the cost. Columns: run_id, species, lag_ps, the curves, and n_atoms when the table has it.
     */
    private static StagedPartitions stageCurves(SparkSession spark, Archive archive, String table,
                                                JavaRDD<RunResult> ok, StructType schema) throws IOException {
        List<StructField> packed = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        boolean atoms = schema.getFieldIndex("n_atoms").isDefined();
        for (StructField f : schema.fields()) {
            boolean perLag = f.dataType().equals(DataTypes.DoubleType);
            packed.add(perLag ? DataTypes.createStructField(f.name(), DataTypes.createArrayType(DataTypes.DoubleType,
                    false), true) : f);
            if (perLag) {
                arrays.add(f.name());
            }
        }
        int curves = arrays.size() - 1;
        JavaRDD<Row> rows = ok.flatMap(r -> curveArrays(r, curves, atoms).iterator());
        Dataset<Row> perLag = spark.createDataFrame(rows, new StructType(packed.toArray(StructField[]::new)))
                .selectExpr(atoms ? new String[] {"run_id", "species", inline(arrays), "n_atoms"}
                        : new String[] {"run_id", "species", inline(arrays)});
        return StagedPartitions.stage(archive, archive.analysisTable(table), perLag, "run_id");
    }

    private static String inline(List<String> arrays) {
        return "inline(arrays_zip(" + String.join(", ", arrays) + "))";
    }

    /** One row per species: run_id, species, lag_ps[], the {@code curves} curves[] (and n_atoms). */
    private static List<Row> curveArrays(RunResult r, int curves, boolean atoms) {
        List<Row> out = new ArrayList<>();
        for (RunResult.SpeciesResult s : r.species()) {
            if (s.lagPs() == null) {
                continue;
            }
            Object[] v = new Object[3 + curves + (atoms ? 1 : 0)];
            v[0] = r.runId();
            v[1] = s.species();
            v[2] = s.lagPs();
            for (int c = 0; c < curves; c++) {
                v[3 + c] = s.curves()[c];
            }
            if (atoms) {
                v[3 + curves] = s.atoms();
            }
            out.add(RowFactory.create(v));
        }
        return out;
    }

    private static List<Row> vdosRows(RunResult r) {
        List<Row> out = new ArrayList<>();
        if (r.vdosFreqThz() == null) {
            return out;
        }
        double[] f = r.vdosFreqThz();
        for (RunResult.SpeciesResult s : r.species()) {
            if (s.vdos() != null) {
                for (int k = 0; k < f.length; k++) {
                    out.add(RowFactory.create(r.runId(), s.species(), f[k], s.vdos()[k]));
                }
            }
        }
        for (int k = 0; k < f.length; k++) {
            out.add(RowFactory.create(r.runId(), "total", f[k], r.vdosTotal()[k]));
        }
        return out;
    }

    private static List<Row> diffusionRows(RunResult r, String method, double[] condition) {
        List<Row> out = new ArrayList<>();
        for (RunResult.SpeciesResult s : r.species()) {
            out.add(RowFactory.create(r.runId(), method, s.species(), s.d(), s.err(), s.start(), s.end(), s.atoms(),
                    condition[0], condition[1], s.note(), s.diffusive()));
        }
        return out;
    }
}
