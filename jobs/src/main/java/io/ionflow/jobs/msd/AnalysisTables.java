package io.ionflow.jobs.msd;

import io.ionflow.analyze.transport.Method;
import io.ionflow.analyze.transport.RunResult;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.jobs.archive.TableRows;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.Causes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ionflow.jobs.archive.Tables.schema;

/**
 * The analysis tables of the transport jobs: {@code analysis/msd} (MSD) or {@code analysis/vacf} and
 * {@code analysis/vdos} (VACF), partitioned by run_id, and {@code analysis/diffusion}, partitioned by run_id and
 * method (DESIGN.md). Each run's partitions are written by a task from the run's persisted result, with the archive's
 * table writer ({@link TableRows}), into the job's hidden staging directories ({@link StagedPartitions#open}); the
 * curves never reach the driver. Only runs that succeeded are written.
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
     * Stages every table of {@code kind} from the (persisted) results in one Spark action, each task writing the
     * partitions of its runs. If a write fails, every staging directory is discarded.
     *
     * @param conditions run id → {temperature_k, vacancy_fraction}
     */
    static List<StagedPartitions> stage(Archive archive, Method kind, JavaRDD<RunResult> results,
                                        Map<String, double[]> conditions,
                                        Broadcast<SerializableWritable<Configuration>> conf) throws IOException {
        boolean msd = kind == Method.MSD;
        StagedPartitions curves = StagedPartitions.open(archive, archive.analysisTable(msd ? "msd" : "vacf"), 1);
        StagedPartitions diffusion = StagedPartitions.open(archive, archive.analysisTable("diffusion"), 2);
        StagedPartitions vdos = msd ? null : StagedPartitions.open(archive, archive.analysisTable("vdos"), 1);
        String c = curves.staging().toString(), d = diffusion.staging().toString();
        String v = vdos == null ? null : vdos.staging().toString();
        StructType curveSchema = msd ? MSD : VACF;
        String method = kind.method();
        Map<String, double[]> cond = new HashMap<>(conditions);
        List<StagedPartitions> all = new ArrayList<>(List.of(curves, diffusion));
        if (vdos != null) all.add(vdos);
        try {
            results.filter(RunResult::ok).foreach(r -> {
                Configuration hc = conf.value().value();
                curveRows(r, curveSchema).write(hc, new Path(c), "run_id");
                if (v != null) vdosRows(r).write(hc, new Path(v), "run_id");
                diffusionRows(r, method, cond.get(r.runId())).write(hc, new Path(d), "run_id", "method");
            });
        } catch (Exception e) { // Spark's checked SparkException from Scala code, around the task's failure
            for (StagedPartitions st : all) st.discard();
            if (e instanceof RuntimeException re) throw re;
            throw new IOException("could not write the " + method + " tables of " + archive.root() + ": "
                    + Causes.firstLine(e), e);
        }
        return all;
    }

    /** A curve table (msd, vacf): one row per species and lag: run_id, species, lag_ps, the curves (and n_atoms). */
    private static TableRows curveRows(RunResult r, StructType schema) {
        boolean atoms = schema.getFieldIndex("n_atoms").isDefined();
        int curves = schema.size() - 3 - (atoms ? 1 : 0);
        List<Object[]> rows = new ArrayList<>();
        for (RunResult.SpeciesResult s : r.species()) {
            if (s.lagPs() == null) continue;
            for (int k = 0; k < s.lagPs().length; k++) {
                Object[] v = new Object[schema.size()];
                v[0] = r.runId();
                v[1] = s.species();
                v[2] = s.lagPs()[k];
                for (int j = 0; j < curves; j++) v[3 + j] = s.curves()[j][k];
                if (atoms) v[3 + curves] = s.atoms();
                rows.add(v);
            }
        }
        return new TableRows(schema, rows);
    }

    private static TableRows vdosRows(RunResult r) {
        List<Object[]> rows = new ArrayList<>();
        if (r.vdosFreqThz() != null) {
            double[] f = r.vdosFreqThz();
            for (RunResult.SpeciesResult s : r.species()) {
                if (s.vdos() == null) continue;
                for (int k = 0; k < f.length; k++) rows.add(new Object[] {r.runId(), s.species(), f[k], s.vdos()[k]});
            }
            for (int k = 0; k < f.length; k++) rows.add(new Object[] {r.runId(), "total", f[k], r.vdosTotal()[k]});
        }
        return new TableRows(VDOS, rows);
    }

    private static TableRows diffusionRows(RunResult r, String method, double[] condition) {
        List<Object[]> rows = new ArrayList<>();
        for (RunResult.SpeciesResult s : r.species()) {
            rows.add(new Object[] {r.runId(), method, s.species(), s.d(), s.err(), s.start(), s.end(), s.atoms(),
                    condition[0], condition[1], s.note(), s.diffusive()});
        }
        return new TableRows(DIFFUSION, rows);
    }
}
