package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.ArchiveFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Exit codes and the one-line error a user sees. User mistakes (bad options, bad campaign files,
 * missing inputs) print one line without a stack trace; {@code --verbose} adds it.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The command ran but some runs or inputs failed; they are named in the output. */
    public static final int PARTIAL_FAILURE = 1;
    /** Usage error or invalid input (options, campaign, potential file, archive contract). */
    public static final int BAD_INPUT = 2;
    /** An I/O error reading or writing files. */
    public static final int IO_ERROR = 3;
    /** A bug: an unexpected exception. */
    public static final int INTERNAL = 4;

    /** The root command line as every invocation uses it: {@link #handle} for errors, enum values in any case. */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler(ExitCodes::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Whether {@code --verbose} was given at any level of the command line. */
    static boolean verbose(ParseResult pr) {
        ParseResult p = pr;
        while (p != null) {
            if (p.hasMatchedOption("--verbose")) return true;
            p = p.hasSubcommand() ? p.subcommand() : null;
        }
        return false;
    }

    /** A file-system URI in a message: file:/…, hdfs://…, s3a://… or any other scheme. */
    private static final java.util.regex.Pattern URI_LIKE = java.util.regex.Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*:/");

    /** One line: IonFlow's own "no space left … while writing <file>" if there is one, else the device and the file. */
    static String diskFull(Throwable ex) {
        String path = null;
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
            if (m.startsWith("no space left on device while writing")) {
                return m;
            }
            if (path == null && (URI_LIKE.matcher(m).find() || m.contains(".parquet"))) {
                path = m;
            }
        }
        return "no space left on device" + (path == null ? "" : " (" + path + ")");
    }

    public static int handle(Exception ex, CommandLine cmd, ParseResult pr) {
        boolean verbose = verbose(pr);
        int code;
        String kind;
        if (io.ionflow.simulate.archive.DiskFull.is(ex)) { // wherever it happened (a Spark task, a writer): one line
            cmd.getErr().println("ionflow " + cmd.getCommandName() + ": I/O error: " + diskFull(ex)
                    + "; results already published are kept (outputs are staged and swapped in only when complete); free"
                    + " space and run the command again");
            if (verbose) ex.printStackTrace(cmd.getErr());
            return IO_ERROR;
        }
        if (ex instanceof UserError) {
            code = BAD_INPUT;
            kind = "error";
        } else if (ex instanceof ArchiveFormatException) {
            code = BAD_INPUT;
            kind = "bad archive";
        } else if (ex instanceof IllegalArgumentException) {
            code = BAD_INPUT;
            kind = "bad input";
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            code = IO_ERROR;
            kind = "I/O error";
        } else {
            code = INTERNAL;
            kind = "internal error (" + ex.getClass().getSimpleName() + ")";
        }
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("ionflow " + cmd.getCommandName() + ": " + kind + ": " + msg);
        if (verbose || code == INTERNAL) {
            ex.printStackTrace(cmd.getErr());
        } else {
            cmd.getErr().println("(run with --verbose for the stack trace)");
        }
        return code;
    }
}
