package io.ionflow.jobs.archive;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code --runs} SQL condition on the runs table, for every job that takes one: bounded before Spark parses it
 * (a condition thousands of parentheses deep overflows Spark's parser stack), and Spark's complaint reduced to the
 * sentence that says what is wrong.
 */
public final class RunsFilter {
    private RunsFilter() {}

    /** Longest condition accepted, characters. */
    public static final int MAX_LENGTH = 10_000;
    /** Deepest parenthesis nesting accepted. */
    public static final int MAX_DEPTH = 100;

    /**
     * @param runs   the runs table
     * @param filter the condition (null or blank: all runs)
     * @param columns the table's columns, named in the error
     * @return the filtered table (lazy: an error in the condition may still show when it is evaluated)
     * @throws UserError naming the condition and the problem
     */
    public static Dataset<Row> apply(Dataset<Row> runs, String filter, String columns) {
        if (filter == null || filter.isBlank()) {
            return runs;
        }
        check(filter);
        try {
            return runs.where(filter);
        } catch (Exception | StackOverflowError e) {
            throw new UserError("--runs \"" + shown(filter) + "\" is not a valid condition on the runs table (columns " + columns
                    + "): " + reason(e));
        }
    }

    /** Refuses a condition too long or too deeply nested to parse safely. */
    private static void check(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw new UserError("--runs: the condition is " + filter.length() + " characters long; at most " + MAX_LENGTH);
        }
        int depth = 0;
        int max = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            max = Math.max(max, depth);
        }
        if (max > MAX_DEPTH) {
            throw new UserError("--runs: the condition nests parentheses " + max + " deep; at most " + MAX_DEPTH);
        }
    }

    /** The first informative line of Spark's message: skips blank lines, and joins a line ending in ':' to the next. */
    public static String reason(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "too complex to parse";
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String[] lines = m.strip().split("\n");
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("==")) {
                if (b.length() > 0) break;
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(l);
            if (!l.endsWith(":")) {
                break;
            }
        }
        return b.length() == 0 ? m.strip() : b.toString();
    }

    private static String shown(String filter) {
        return filter.length() <= 200 ? filter : filter.substring(0, 200) + "…";
    }
}
