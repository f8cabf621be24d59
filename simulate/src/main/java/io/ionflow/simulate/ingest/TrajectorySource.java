package io.ionflow.simulate.ingest;

import java.io.Closeable;
import java.io.IOException;

/**
 * A text trajectory read one frame at a time, so a file of any length is streamed with one frame in
 * memory. Implementations: {@link LammpsDumpReader}, {@link ExtxyzReader}. A source checks its own
 * format (syntax, columns, the same atoms in every frame) and reports problems as
 * {@link TrajectoryFormatException} naming the file, line and frame; {@link Ingest} checks what is
 * common to all formats (constant box, species and atom count, evenly spaced frames, unwrapping).
 */
public interface TrajectorySource extends Closeable {

    /** The archive's {@code source} value for this format: {@code lammps-dump}, {@code extxyz}. */
    String format();

    /** The input file as the user named it, for messages. */
    String file();

    /** The next frame, or null at the end of the file. */
    Frame next() throws IOException;

    /**
     * Species names in the order the user declared them (LAMMPS {@code --types}), used for the order
     * of the runs table's {@code species}; empty when the file names them (then the order is that of
     * first appearance).
     */
    default java.util.List<String> declaredSpecies() {
        return java.util.List.of();
    }

    /** Fraction of the input read so far in [0, 1], or NaN when unknown (for progress and ETA). */
    default double fractionRead() {
        return Double.NaN;
    }
}
