package io.ionflow.jobs.transport;

import io.ionflow.jobs.transport.TransportJob.Kind;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;

/**
 * Messages that name the run, file and problem of a bad run: the shard of a run that Spark could not read, the
 * shards holding a frame, what is wrong with the first invalid row of a frame, a column missing from a shard, and
 * the first line of an exception's root cause.
 */
final class RunDiagnostics {
    private RunDiagnostics() {}

    private static final Pattern RUN_IN_PATH = Pattern.compile("run_id=([A-Za-z][A-Za-z0-9._-]*)");
    private static final Pattern FILE_IN_MESSAGE = Pattern.compile("([a-z0-9]+:\\S*?run_id=[A-Za-z][A-Za-z0-9._-]*/\\S+?)"
            + "(?=\\.?(\\s|$|\\]))");

    /**
     * When a Spark action failed because a frame shard of one of {@code runs} cannot be read (not Parquet, truncated,
     * a damaged footer, a column of the wrong type), names it.
     *
     * @return {run id, "file … cannot be read: <problem>"}, or null when the failure is not tied to one run's file
     */
    static String[] unreadableFile(Throwable e, Set<String> runs) {
        String run = null;
        String file = null;
        for (Throwable t = e; t != null && run == null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            Matcher fm = FILE_IN_MESSAGE.matcher(msg);
            while (fm.find()) {
                Matcher rm = RUN_IN_PATH.matcher(fm.group(1));
                if (rm.find() && runs.contains(rm.group(1))) {
                    run = rm.group(1);
                    file = fm.group(1);
                    break;
                }
            }
        }
        if (run == null) {
            return null;
        }
        String why = rootMessage(e);
        int at = why.indexOf(file.replaceFirst("^file:/+", "/"));
        if (at >= 0) {
            why = why.substring(at + file.replaceFirst("^file:/+", "/").length()).replaceFirst("^[:\\s]+", "");
        }
        return new String[] {run, "file " + file + " cannot be read: " + why};
    }

    /** " (file …)" naming the shard(s) holding a frame of a run; "" when unknown. */
    static String fileHint(Dataset<Row> frames, String runId, int frame) {
        if (frame < 0) {
            return "";
        }
        List<String> files = filesOf(frames, runId, frame);
        return files.isEmpty() ? "" : " (file " + String.join(", ", files) + ")";
    }

    /** " (frame a in …; frame b in …)" naming the shards of the frames around a gap. */
    static String fileHint(Dataset<Row> frames, String runId, int[] around) {
        List<String> parts = new ArrayList<>();
        for (int f : around) {
            if (f >= 0) {
                List<String> files = filesOf(frames, runId, f);
                if (!files.isEmpty()) {
                    parts.add("frame " + f + " is in " + String.join(", ", files));
                }
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    static List<String> filesOf(Dataset<Row> frames, String runId, int frame) {
        List<String> out = new ArrayList<>();
        try {
            for (Row r : frames.where(col("run_id").equalTo(runId).and(col("frame").equalTo(frame)))
                    .select(functions.input_file_name()).distinct().collectAsList()) {
                out.add(r.getString(0));
            }
            out.sort(null);
        } catch (Exception e) {
            // the hint is optional
        }
        return out;
    }

    /** Names the file and what is wrong with the first invalid row of a frame. */
    static String describeBadRow(Dataset<Row> frames, String runId, int frame, Integer atom, Kind kind, RunInfo run,
                                 EndFrames ends) {
        try {
            Column which = col("run_id").equalTo(runId).and(col("frame").equalTo(frame))
                    .and(atom == null ? col("atom").isNull() : col("atom").equalTo(atom));
            List<Row> rows = frames.where(which).select(col("atom"), col("time_ps"), col("species"),
                    col(kind.cols()[0]), col(kind.cols()[1]), col(kind.cols()[2]), functions.input_file_name())
                    .limit(1).collectAsList();
            if (rows.isEmpty()) {
                return "";
            }
            Row r = rows.get(0);
            for (int i = 0; i < 6; i++) {
                if (r.isNullAt(i)) { // a whole column absent from the shard reads as nulls: say so
                    String absent = missingColumn(frames.sparkSession(), List.of(r.getString(6)), kind);
                    if (absent != null) {
                        return absent;
                    }
                    break;
                }
            }
            String what;
            if (r.isNullAt(0)) {
                what = "atom is null";
            } else if (r.getInt(0) < 0 || r.getInt(0) >= run.nAtoms()) {
                what = "atom id " + r.getInt(0) + " is outside 0.." + (run.nAtoms() - 1);
            } else if (r.isNullAt(2) || !r.getString(2).equals(ends.species[ends.speciesOfAtom[r.getInt(0)]])) {
                String sp = r.isNullAt(2) ? "null" : "'" + r.getString(2) + "'";
                what = Arrays.asList(ends.species).contains(r.isNullAt(2) ? null : r.getString(2))
                        ? "species " + sp + " differs from frame 0 (" + ends.species[ends.speciesOfAtom[r.getInt(0)]] + ")"
                        : "species " + sp + " is not among the run's species " + Arrays.toString(ends.species);
            } else if (r.isNullAt(1) || !Double.isFinite(r.getDouble(1))) {
                what = "time_ps is " + r.get(1);
            } else {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 3; k++) {
                    Object v = r.get(3 + k);
                    if (v == null || !Float.isFinite((Float) v)) {
                        b.append(b.length() == 0 ? "" : ", ").append(kind.cols()[k]).append(" is ").append(v);
                    }
                }
                what = b.length() == 0 ? "invalid row" : b.toString();
            }
            return "atom " + r.get(0) + ": " + what + " (file " + r.getString(6) + ")";
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * "column y is missing from file …" for the first of the given shards whose Parquet schema lacks a column the
     * job reads (such a column reads as nulls under the archive schema); null when all have every column.
     */
    static String missingColumn(SparkSession spark, List<String> files, Kind kind) {
        List<String> needed = new ArrayList<>(List.of("frame", "time_ps", "atom", "species"));
        needed.addAll(Arrays.asList(kind.cols()));
        for (String file : files) {
            try {
                List<String> have = Arrays.asList(spark.read().parquet(file).schema().fieldNames());
                List<String> absent = needed.stream().filter(c -> !have.contains(c)).toList();
                if (!absent.isEmpty()) {
                    return (absent.size() == 1 ? "column " + absent.get(0) + " is" : "columns " + String.join(", ", absent)
                            + " are") + " missing from file " + file;
                }
            } catch (Exception e) {
                // the message is optional; the caller falls back to naming the null value
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return firstLine(m);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).strip();
    }
}
