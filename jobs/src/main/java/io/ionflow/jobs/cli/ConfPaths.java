package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's {@code conf/} directory: ./conf, or next to the jar (jobs/target/../../conf). */
public final class ConfPaths {
    private ConfPaths() {}

    public static Path conf() {
        Path cwd = Path.of("conf").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("campaigns"))) return cwd;
        try {
            Path jar = Path.of(ConfPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("conf").resolve("campaigns"))) return p.resolve("conf");
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through
        }
        throw new UserError("cannot find IonFlow's conf/ directory (with campaigns/ and potentials/); run from the"
                + " repository root or pass file paths explicitly");
    }
}
