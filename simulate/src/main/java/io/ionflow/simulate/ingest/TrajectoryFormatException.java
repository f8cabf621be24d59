package io.ionflow.simulate.ingest;

import java.io.IOException;

/**
 * A trajectory file cannot be ingested: malformed text, a missing column, a triclinic or changing
 * box, a frame gap, an atom that jumps too far to unwrap, a truncated frame. The message names the
 * file, the line (when known), the frame (when known) and the problem:
 * {@code dump.lammpstrj: line 1234, frame 5: ...}.
 */
public class TrajectoryFormatException extends IOException {
    private final String file;
    private final long line;
    private final int frame;
    private final String problem;

    /**
     * @param file    the input file as the user named it
     * @param line    1-based line number, or ≤ 0 when not known
     * @param frame   0-based frame number, or &lt; 0 when not known
     * @param problem what is wrong, for a user
     */
    public TrajectoryFormatException(String file, long line, int frame, String problem) {
        super(format(file, line, frame, problem));
        this.file = file;
        this.line = line;
        this.frame = frame;
        this.problem = problem;
    }

    private static String format(String file, long line, int frame, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(": line ").append(line);
        if (frame >= 0) sb.append(line > 0 ? ", frame " : ": frame ").append(frame);
        return sb.append(": ").append(problem).toString();
    }

    /** The input file. */
    public String file() { return file; }

    /** 1-based line number, or ≤ 0 when not known. */
    public long line() { return line; }

    /** 0-based frame number, or -1 when not known. */
    public int frame() { return frame; }

    /** The problem without the location. */
    public String problem() { return problem; }
}
