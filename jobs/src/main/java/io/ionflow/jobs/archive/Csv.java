package io.ionflow.jobs.archive;

/**
 * The one CSV writer of the jobs (report/*.csv, fits.csv, cv.csv, modes.csv, the report's tables): minimal RFC 4180 —
 * fields quoted when they hold a comma, quote or line break; NaN and null written as empty; ±Infinity spelled out.
 * <pre>{@code new Csv("run_id", "f_u").row("a", 0.25).toString()}</pre>
 */
public final class Csv {
    private final StringBuilder sb = new StringBuilder();

    public Csv(String... header) {
        row((Object[]) header);
    }

    public Csv row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(field(fields[i]));
        }
        sb.append('\n');
        return this;
    }

    static String field(Object o) {
        if (o == null) return "";
        if (o instanceof Double d) return d.isNaN() ? "" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString();
        String s = o.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
