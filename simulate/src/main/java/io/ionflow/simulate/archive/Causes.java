package io.ionflow.simulate.archive;

/** The one-line wording of an exception for a message that names the file or run itself. */
public final class Causes {
    private Causes() {}

    /** @return the first line of the innermost cause's message (its class name when it has none) */
    public static String rootFirstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return firstLine(t);
    }

    /** @return the first line of the exception's message (its class name when it has none) */
    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
