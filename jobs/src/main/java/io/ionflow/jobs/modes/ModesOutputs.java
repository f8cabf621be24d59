package io.ionflow.jobs.modes;

import io.ionflow.analyze.inm.RunModeSummary;
import io.ionflow.jobs.archive.Csv;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.jobs.archive.TableRows;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.ionflow.jobs.archive.Tables.schema;

/**
 * The outputs of {@code modes}: the snapshot rows ({@code analysis/modes/}), each run's INM density of states
 * ({@code analysis/inm_dos/}, the mean over its snapshots) and {@code report/modes.csv} (one row per run: f_u with its
 * error, merged with the rows of runs not analysed this time). Every output is staged (hidden) first and published
 * together behind a journal ({@link Publication}), so a killed modes leaves each run's snapshots, DOS and CSV row
 * all old or all new.
 */
final class ModesOutputs {
    private ModesOutputs() {}

    private static final String[] CSV_HEADER = {"run_id", "temperature_k", "vacancy_fraction", "f_u", "f_u_err", "n_snapshots"};

    private static final StructType DOS_SCHEMA = schema("run_id:s", "freq_thz:d", "modes_per_bin:d", "dos_per_thz:d");

    static Path csvPath(Archive a) {
        return new Path(a.reportDir(), "modes.csv");
    }

    /**
     * Stages the snapshot rows, the per-run INM DOS and the updated report/modes.csv, prints each run's f_u and
     * publishes them together.
     *
     * @param analysed   the runs of this invocation (their old CSV rows are replaced or dropped)
     * @param conditions run id → {temperature_k, vacancy_fraction}
     */
    static void publish(Archive a, Dataset<Row> good, Set<String> analysed,
                        Map<String, double[]> conditions, PrintStream out) throws IOException {
        Map<String, RunModeSummary> summaries = new TreeMap<>();
        out.println("modes: writing the results (staged, published when all are done)");
        Publication.publish(a, staged -> {
            // the snapshot rows (a few numbers each) and their DOS arrays, small enough for the driver
            Dataset<Row> table = good.drop("dos_counts", "dos_edges_thz", "error");
            int n = table.columns().length;
            List<Row> snapshots = good.selectExpr(Stream.concat(Arrays.stream(table.columns()),
                    Stream.of("dos_counts", "dos_edges_thz")).toArray(String[]::new)).collectAsList();
            staged.add(TableRows.stage(a, a.analysisTable("modes"), TableRows.of(snapshots,
                    r -> IntStream.range(0, n).mapToObj(r::get).toArray(), table.schema()), "run_id"));
            summaries.putAll(summaries(snapshots));
            staged.add(TableRows.stage(a, a.analysisTable("inm_dos"), new TableRows(DOS_SCHEMA, dosRows(summaries)),
                    "run_id"));
            out.printf("modes: publishing the results of %d run(s)%n", summaries.size());
        }, () -> Map.of(csvPath(a), csvText(a.fileSystem(), csvPath(a), analysed, summaries, conditions, out)));
    }

    /** One row per run and frequency bin of the run's mean INM DOS. */
    private static List<Object[]> dosRows(Map<String, RunModeSummary> summaries) {
        List<Object[]> rows = new ArrayList<>();
        for (var e : summaries.entrySet()) {
            RunModeSummary m = e.getValue();
            for (int i = 0; i < m.binCentreThz().length; i++) {
                rows.add(new Object[] {e.getKey(), m.binCentreThz()[i], m.modesPerBin()[i], m.dosPerThz()[i]});
            }
        }
        return rows;
    }

    /**
     * The new report/modes.csv: the existing rows of runs not analysed now, and one row per summarised run (printed
     * to {@code out} as well), sorted by run id.
     */
    private static String csvText(FileSystem fs, Path p, Set<String> analysed, Map<String, RunModeSummary> summaries,
                                  Map<String, double[]> conditions, PrintStream out) throws IOException {
        Map<String, Object[]> rows = readCsv(fs, p);
        for (String id : analysed) rows.remove(id);
        for (var e : summaries.entrySet()) {
            RunModeSummary m = e.getValue();
            double[] c = conditions.get(e.getKey());
            rows.put(e.getKey(), new Object[] {e.getKey(), String.valueOf(c[0]), String.valueOf(c[1]),
                    String.format(Locale.ROOT, "%.8g", m.fuMean()), String.format(Locale.ROOT, "%.8g", m.fuErr()),
                    m.snapshots()});
            out.printf(Locale.ROOT, "  %-32s T=%6.1f K vac=%.3f  f_u = %.4f ± %.4f  (%d snapshots)%n",
                    e.getKey(), c[0], c[1], m.fuMean(), m.fuErr(), m.snapshots());
        }
        Csv csv = new Csv(CSV_HEADER);
        for (Object[] row : rows.values()) csv.row(row);
        return csv.toString();
    }

    /** Per run (sorted by id): the snapshots' f_u and INM DOS summarised by {@link RunModeSummary}. */
    private static Map<String, RunModeSummary> summaries(List<Row> perSnapshot) {
        Map<String, List<Double>> fu = new TreeMap<>();
        Map<String, List<double[]>> dos = new HashMap<>();
        Map<String, double[]> edges = new HashMap<>();
        for (Row r : perSnapshot) {
            String id = r.getAs("run_id");
            fu.computeIfAbsent(id, k -> new ArrayList<>()).add(r.getAs("f_u"));
            List<Double> cnt = r.getList(r.fieldIndex("dos_counts")), edg = r.getList(r.fieldIndex("dos_edges_thz"));
            dos.computeIfAbsent(id, k -> new ArrayList<>()).add(cnt.stream().mapToDouble(Double::doubleValue).toArray());
            edges.putIfAbsent(id, edg.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Map<String, RunModeSummary> out = new TreeMap<>();
        fu.forEach((id, v) -> out.put(id, RunModeSummary.of(v, dos.get(id), edges.get(id))));
        return out;
    }

    /** The fields of an existing CSV's rows by run id (first column), header dropped; empty when absent. */
    static Map<String, Object[]> readCsv(FileSystem fs, Path p) throws IOException {
        Map<String, Object[]> m = new TreeMap<>();
        if (!fs.exists(p)) return m;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) m.put(line.substring(0, line.indexOf(',')), line.split(",", -1));
            }
        }
        return m;
    }
}
