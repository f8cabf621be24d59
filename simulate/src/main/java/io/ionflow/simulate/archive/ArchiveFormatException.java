package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * A file of the archive cannot be used: it is missing, truncated or corrupt, lacks a contract
 * column, has a column of the wrong type, or holds values the contract forbids. The message
 * always starts with the file's path.
 */
public class ArchiveFormatException extends IOException {
    private final String file;

    public ArchiveFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = String.valueOf(file);
    }

    public ArchiveFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = String.valueOf(file);
    }

    /** The path of the offending file, as a string. */
    public String file() {
        return file;
    }
}
