package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's raw {@code file:} file system with one change: permissions are set through {@code java.nio} instead of a
 * {@code chmod} child process. Without Hadoop's native library (IonFlow ships none), {@link RawLocalFileSystem}
 * starts one process for every directory and file it creates — dozens per table write, 5–20 ms each on a 2-core
 * machine (docs/benchmarks.md). The permissions set are the same; modes with bits beyond rwx for owner, group and
 * others (sticky, setuid) and file systems without POSIX permissions are left to Hadoop's own code.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = { // bit 0 (others execute) … bit 8 (owner read)
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        short mode = permission.toShort();
        if ((mode & ~0777) != 0) {
            super.setPermission(p, permission);
            return;
        }
        try {
            Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(mode));
        } catch (UnsupportedOperationException e) {
            super.setPermission(p, permission);
        }
    }

    /** The POSIX permissions of the low nine bits of a mode (e.g. 0640 → rw-r-----). */
    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(BITS[i]);
            }
        }
        return s;
    }
}
