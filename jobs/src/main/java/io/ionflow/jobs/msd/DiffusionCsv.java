package io.ionflow.jobs.msd;

import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ARCHIVE/report/diffusion.csv}: one row per run, species and method ({@code msd} or
 * {@code vacf}), header exactly {@value #HEADER}; D and its standard error in cm²/s, the fit (or
 * Green–Kubo plateau) window in ps, and whether the species diffuses ({@code false}: D is not a diffusion
 * coefficient the data support — see the note in analysis/diffusion; fits leave it out). A job replaces the rows of its own method for the runs it
 * processed and keeps every other row. Written through the archive's Hadoop file system under a
 * hidden temporary name and renamed into place ({@link Archive#publish}).
 */
public final class DiffusionCsv {
    private DiffusionCsv() {}

    /** The header line. */
    public static final String HEADER = "run_id,species,method,d_cm2_s,d_err_cm2_s,fit_start_ps,fit_end_ps,diffusive";
    /** The header before the {@code diffusive} column (files written before it are still read). */
    static final String HEADER_V1 = "run_id,species,method,d_cm2_s,d_err_cm2_s,fit_start_ps,fit_end_ps";

    /**
     * One line of the file. Numbers may be NaN (written as an empty field).
     *
     * @param runId      run id
     * @param species    species name
     * @param method     {@code msd} or {@code vacf}
     * @param dCm2PerS   D, cm²/s
     * @param errCm2PerS standard error of D, cm²/s
     * @param fitStartPs window start, ps
     * @param fitEndPs   window end, ps
     * @param diffusive  whether D is a diffusion coefficient the data support (null: not known, as in older files)
     */
    public record Line(String runId, String species, String method, double dCm2PerS, double errCm2PerS, double fitStartPs,
                       double fitEndPs, Boolean diffusive) {}

    /** @return the file's path in the archive */
    public static Path path(Archive archive) {
        return new Path(archive.reportDir(), "diffusion.csv");
    }

    /**
     * Reads the file; empty if it does not exist.
     *
     * @param archive the archive
     * @return its lines (header excluded)
     * @throws IOException if it cannot be read or its header is not {@value #HEADER}
     */
    public static List<Line> read(Archive archive) throws IOException {
        Path p = path(archive);
        List<Line> out = new ArrayList<>();
        FileSystem fs = archive.fileSystem();
        try (FSDataInputStream in = fs.open(p);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                return out;
            }
            boolean v1 = header.strip().equals(HEADER_V1);
            if (!v1 && !header.strip().equals(HEADER)) {
                throw new IOException(p + ": unexpected header '" + header + "', expected '" + HEADER + "'");
            }
            int fields = v1 ? 7 : 8;
            int n = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != fields) {
                    throw new IOException(p + ", line " + n + ": expected " + fields + " fields, got " + f.length);
                }
                try {
                    out.add(new Line(f[0], f[1], f[2], num(f[3]), num(f[4]), num(f[5]), num(f[6]),
                            v1 || f[7].isBlank() ? null : Boolean.valueOf(f[7].strip())));
                } catch (NumberFormatException e) {
                    throw new IOException(p + ", line " + n + ": " + e.getMessage());
                }
            }
        } catch (FileNotFoundException e) {
            return out;
        }
        return out;
    }

    /**
     * The file's text with the {@code method} rows of {@code runs} replaced by {@code fresh} and all other rows kept,
     * sorted by run, species, method; not written here.
     */
    public static String updatedText(Archive archive, String method, Set<String> runs, Collection<Line> fresh)
            throws IOException {
        return render(merged(archive, method, runs, fresh));
    }

    private static List<Line> merged(Archive archive, String method, Set<String> runs, Collection<Line> fresh)
            throws IOException {
        List<Line> all = new ArrayList<>();
        for (Line l : read(archive)) {
            if (!(l.method().equals(method) && runs.contains(l.runId()))) {
                all.add(l);
            }
        }
        all.addAll(fresh);
        all.sort(Comparator.comparing(Line::runId).thenComparing(Line::species).thenComparing(Line::method));
        return all;
    }

    private static String render(List<Line> all) {
        io.ionflow.jobs.archive.Csv csv = new io.ionflow.jobs.archive.Csv(HEADER.split(","));
        for (Line l : all) { // numbers as text, so that the CSV keeps its fixed formats
            csv.row(l.runId(), l.species(), l.method(), sci(l.dCm2PerS()), sci(l.errCm2PerS()), plain(l.fitStartPs()),
                    plain(l.fitEndPs()), l.diffusive());
        }
        return csv.toString();
    }

    private static double num(String s) {
        return s.isBlank() ? Double.NaN : Double.parseDouble(s.strip());
    }

    static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6e", v) : "";
    }

    /** A number with at most 10 significant digits and no exponent, as the file writes windows; "" for NaN. */
    public static String plain(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString() : "";
    }
}
