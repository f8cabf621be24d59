package io.ionflow.jobs.cli;

import io.ionflow.analyze.fit.Arrhenius;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A synthetic archive with known physics: 3 temperatures × 3 Te-vacancy fractions, one run each, with
 * D_Ag = D0·(1 + 8v)·exp(−Ea/k_BT) (Ea = 0.30 eV, so vacancies at 10 % raise D_Ag ×1.8), a small fixed
 * multiplicative scatter well inside the 3 % errors, and f_u = 0.04·(1 + 3v)·√(T/500). Te has a tiny D, and
 * one Te run a negative one (non-diffusive: must be left out of the log-space fits, not crash them).
 */
final class SyntheticArchive {
    private SyntheticArchive() {}

    static final double EA_EV = 0.30;
    static final double D0 = 1.0e-2;
    static final double[] TEMPERATURES = {500, 600, 700};
    static final double[] VACANCIES = {0.0, 0.05, 0.10};
    static final double REL_ERR = 0.03;
    /** Fixed scatter per temperature index (deterministic "noise"). */
    static final double[] SCATTER = {1.01, 0.99, 1.005};

    static String runId(double t, double v) {
        return String.format(Locale.ROOT, "Ag2Te_T%.0f_vac%.3f_r0", t, v);
    }

    static double dAg(double t, double v, int ti) {
        return D0 * (1 + 8 * v) * Math.exp(-EA_EV / (Arrhenius.KB_EV_PER_K * t)) * SCATTER[ti];
    }

    static double fU(double t, double v) {
        return 0.04 * (1 + 3 * v) * Math.sqrt(t / 500);
    }

    /** runs/ and analysis/diffusion (msd and vacf rows); with {@code modesCsv} also report/modes.csv. */
    static Archive write(SparkSession spark, Path dir, boolean modesCsv) throws Exception {
        Archive a = Archive.at(dir.toString());
        List<Row> diff = new ArrayList<>();
        StringBuilder modes = new StringBuilder("run_id,temperature_k,vacancy_fraction,f_u,f_u_err,n_snapshots,mean_unstable_thz\n");
        for (int ti = 0; ti < TEMPERATURES.length; ti++) {
            double t = TEMPERATURES[ti];
            for (double v : VACANCIES) {
                String id = runId(t, v);
                int nTe = 32 - (int) Math.round(v * 32);
                RunsTableWriter.write(a, new RunInfo(id, "Ag2Te", t, v, 0, 64 + nTe, 2.0, 0.04, 500,
                        new double[] {13.14, 0, 0, 0, 13.14, 0, 0, 0, 13.14}, new String[] {"Ag", "Te"},
                        new double[] {107.8682, 127.60}, null, 7, "ionflow-md"));
                double d = dAg(t, v, ti);
                diff.add(RowFactory.create(id, "Ag", "msd", d, REL_ERR * d, 1.0, 10.0, 64, t, v, ""));
                diff.add(RowFactory.create(id, "Ag", "vacf", d * 1.05, 0.05 * d, 0.0, 2.0, 64, t, v, ""));
                double dTe = (ti == 0 && v == 0.0) ? -2e-8 : 1e-7 * (1 + ti) * (1 + 5 * v);
                diff.add(RowFactory.create(id, "Te", "msd", dTe, 5e-8, 1.0, 10.0, nTe, t, v, "Te barely moves"));
                modes.append(String.format(Locale.ROOT, "%s,%.1f,%.3f,%.6f,%.6f,20,%.4f%n", id, t, v, fU(t, v), 0.001,
                        1.2 + 0.001 * (t - 500)));
            }
        }
        StructType schema = schema("run_id:s", "species:s", "method:s", "d_cm2_s:d", "d_err_cm2_s:d", "fit_start_ps:d",
                "fit_end_ps:d", "n_atoms:i", "temperature_k:d", "vacancy_fraction:d", "note:s");
        spark.createDataFrame(diff, schema).coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("run_id")
                .parquet(dir.resolve("analysis/diffusion").toString());
        if (modesCsv) {
            Files.createDirectories(dir.resolve("report"));
            Files.writeString(dir.resolve("report/modes.csv"), modes.toString());
        }
        return a;
    }

    /** Small msd, vacf, vdos and inm_dos tables for the report. */
    static void writeCurves(SparkSession spark, Path dir) {
        List<Row> msd = new ArrayList<>();
        List<Row> vacf = new ArrayList<>();
        List<Row> vdos = new ArrayList<>();
        List<Row> inm = new ArrayList<>();
        for (int ti = 0; ti < TEMPERATURES.length; ti++) {
            double t = TEMPERATURES[ti];
            for (double v : VACANCIES) {
                String id = runId(t, v);
                for (String sp : new String[] {"Ag", "Te"}) {
                    double dA2ps = (sp.equals("Ag") ? dAg(t, v, ti) : 1e-7) * 1e4; // cm²/s → Å²/ps
                    for (int k = 0; k <= 300; k++) {
                        double lag = 0.04 * k;
                        double m = 6 * dA2ps * lag + 0.4 * (1 - Math.exp(-lag / 0.15));
                        msd.add(RowFactory.create(id, sp, lag, m, m / 3, m / 3, m / 3, 64));
                        double c = Math.exp(-lag / 0.12) * Math.cos(2 * Math.PI * 2.5 * lag);
                        vacf.add(RowFactory.create(id, sp, lag, 3.0 * c, c, 6 * dA2ps));
                    }
                }
                for (String sp : new String[] {"Ag", "Te", "total"}) {
                    double peak = sp.equals("Te") ? 2.0 : 3.0 + 0.002 * (t - 500);
                    for (int k = 0; k <= 400; k++) {
                        double f = 0.05 * k;
                        vdos.add(RowFactory.create(id, sp, f, Math.exp(-0.5 * Math.pow((f - peak) / 0.9, 2)) / (0.9 * Math.sqrt(2 * Math.PI))));
                    }
                }
                double fu = fU(t, v);
                for (int k = -100; k <= 200; k++) {
                    double f = 0.05 * k;
                    double dos = fu * Math.exp(-0.5 * Math.pow((f + 1.5) / 0.6, 2)) / (0.6 * Math.sqrt(2 * Math.PI)) * (f < 0 ? 1 : 0)
                            + (1 - fu) * Math.exp(-0.5 * Math.pow((f - 3) / 1.2, 2)) / (1.2 * Math.sqrt(2 * Math.PI)) * (f >= 0 ? 1 : 0);
                    inm.add(RowFactory.create(id, f, dos));
                }
            }
        }
        write(spark, msd, dir.resolve("analysis/msd"), "run_id:s", "species:s", "lag_ps:d", "msd_a2:d", "msd_x_a2:d", "msd_y_a2:d",
                "msd_z_a2:d", "n_atoms:i");
        write(spark, vacf, dir.resolve("analysis/vacf"), "run_id:s", "species:s", "lag_ps:d", "vacf_a2_ps2:d", "vacf_norm:d", "gk_d_a2_ps:d");
        write(spark, vdos, dir.resolve("analysis/vdos"), "run_id:s", "species:s", "freq_thz:d", "vdos_per_thz:d");
        write(spark, inm, dir.resolve("analysis/inm_dos"), "run_id:s", "freq_thz:d", "dos_per_thz:d");
    }

    private static void write(SparkSession spark, List<Row> rows, Path p, String... cols) {
        spark.createDataFrame(rows, schema(cols)).coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("run_id").parquet(p.toString());
    }

    static StructType schema(String... cols) {
        List<StructField> f = new ArrayList<>();
        for (String c : cols) {
            String[] p = c.split(":");
            f.add(DataTypes.createStructField(p[0], switch (p[1]) {
                case "s" -> DataTypes.StringType;
                case "d" -> DataTypes.DoubleType;
                default -> DataTypes.IntegerType;
            }, true));
        }
        return DataTypes.createStructType(f);
    }
}
