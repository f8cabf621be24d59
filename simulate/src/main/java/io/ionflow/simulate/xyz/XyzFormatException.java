package io.ionflow.simulate.xyz;

import java.io.IOException;

/**
 * An extended-XYZ structure cannot be read or evaluated: malformed text, a missing key or column, a
 * truncated file, a species the potential lacks. The message names the file, the line (when known), the
 * structure (when known) and the problem: {@code train.xyz: line 67, structure 1: ...}.
 */
public class XyzFormatException extends IOException {
    private final String file;
    private final long line;
    private final int structure;

    /**
     * @param file      the input file as the user named it
     * @param line      1-based line number, or ≤ 0 when not known
     * @param structure 0-based structure index, or &lt; 0 when not known
     * @param problem   what is wrong, for a user
     */
    public XyzFormatException(String file, long line, int structure, String problem) {
        super(format(file, line, structure, problem));
        this.file = file;
        this.line = line;
        this.structure = structure;
    }

    private static String format(String file, long line, int structure, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(": line ").append(line);
        if (structure >= 0) sb.append(line > 0 ? ", structure " : ": structure ").append(structure);
        return sb.append(": ").append(problem).toString();
    }

    /** The input file. */
    public String file() { return file; }

    /** 1-based line number, or ≤ 0 when not known. */
    public long line() { return line; }

    /** 0-based structure index, or -1 when not known. */
    public int structure() { return structure; }
}
