package io.ionflow.jobs.cli;

import io.ionflow.jobs.msd.DiffusionCsv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The diffusion coefficients as the msd, vacf, pipeline and demo commands print them. */
final class DiffusionTable {
    private DiffusionTable() {}

    /** The rows as a table, D in cm²/s with its standard error, the fit window in ps. */
    static List<String> lines(List<DiffusionCsv.Line> lines) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "  %-28s %-8s %-6s %13s %11s  %s", "run_id", "species", "method", "D (cm^2/s)",
                "+/- (cm^2/s)", "window (ps)"));
        for (DiffusionCsv.Line l : lines) {
            out.add(String.format(Locale.ROOT, "  %-28s %-8s %-6s %13s %11s  %s", l.runId(), l.species(), l.method(),
                    Double.isFinite(l.dCm2PerS()) ? String.format(Locale.ROOT, "%.4e", l.dCm2PerS()) : "-",
                    Double.isFinite(l.errCm2PerS()) ? String.format(Locale.ROOT, "%.2e", l.errCm2PerS()) : "-",
                    (Double.isFinite(l.fitStartPs()) ? DiffusionCsv.plain(l.fitStartPs()) + " to " + DiffusionCsv.plain(l.fitEndPs())
                            : "-") + (Boolean.FALSE.equals(l.diffusive()) ? "  not diffusive (see note)" : "")));
        }
        return out;
    }
}
