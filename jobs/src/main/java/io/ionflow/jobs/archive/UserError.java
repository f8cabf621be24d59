package io.ionflow.jobs.archive;

/**
 * An error caused by the user's input (an option, a {@code --runs} condition, an archive that is not one): the CLI
 * prints it as one line and exits with 2 ({@code cli.ExitCodes.BAD_INPUT}).
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    /** A user error found by a reader that threw {@code cause} (kept for {@code --verbose}). */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Checks that an archive exists, is a directory and has a {@code runs/} table.
     *
     * @throws UserError naming the archive and what is wrong
     */
    public static void requireArchive(io.ionflow.simulate.archive.Archive a) throws java.io.IOException {
        org.apache.hadoop.fs.FileSystem fs = a.fileSystem();
        if (!fs.exists(a.root())) throw new UserError("archive " + a.root() + " does not exist");
        if (!fs.getFileStatus(a.root()).isDirectory()) {
            throw new UserError("archive " + a.root() + " is a file, not an archive directory");
        }
        if (!fs.exists(a.runsDir())) throw new UserError("archive " + a.root() + " has no runs/ table (not an IonFlow archive?)");
    }
}
