package io.ionflow.jobs.cli;

/**
 * @deprecated transitional name for {@link io.ionflow.jobs.archive.UserError}, kept only while the msd job
 * ({@code transport/}) still imports it; delete when msd moves to {@code msd/}.
 */
@Deprecated
public class UserError extends io.ionflow.jobs.archive.UserError {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, int exitCode) {
        super(message, exitCode);
    }
}
