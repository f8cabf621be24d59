package io.ionflow.simulate.archive;

import java.util.regex.Pattern;

/**
 * Rules for run identifiers. A run id names the file {@code runs/<id>.parquet} and the partition
 * directory {@code frames/run_id=<id>/}, so it must be safe in a path and must stay a string when
 * Spark's partition discovery infers column types: it starts with a letter, uses only
 * {@code [A-Za-z0-9._-]}, is at most {@value #MAX_LENGTH} characters long, and is not a word Java
 * parses as a number ({@code NaN}, {@code Infinity}).
 */
public final class RunIds {
    /** Longest accepted run id, in characters (keeps {@code run_id=<id>} well below file-name limits). */
    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    private RunIds() {}

    /** True when {@code runId} satisfies every rule of this class. */
    public static boolean isValid(String runId) {
        return problem(runId) == null;
    }

    /**
     * Returns {@code runId} unchanged when it is valid.
     *
     * @throws IllegalArgumentException naming the id and the rule it breaks
     */
    public static String requireValid(String runId) {
        String problem = problem(runId);
        if (problem != null) {
            throw new IllegalArgumentException("invalid run id " + (runId == null ? "null" : "'" + runId + "'")
                    + ": " + problem);
        }
        return runId;
    }

    private static String problem(String runId) {
        if (runId == null || runId.isEmpty()) return "it must not be empty";
        if (runId.length() > MAX_LENGTH) return "it is longer than " + MAX_LENGTH + " characters";
        char first = runId.charAt(0);
        if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
            return "it must start with a letter A-Z or a-z";
        }
        if (!VALID.matcher(runId).matches()) return "only letters, digits, '.', '_' and '-' are allowed";
        if (parsesAsNumber(runId)) {
            return "Spark partition discovery would read it as a number";
        }
        return null;
    }

    private static boolean parsesAsNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
