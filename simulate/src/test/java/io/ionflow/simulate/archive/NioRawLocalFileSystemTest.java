package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Permissions set through java.nio are the ones Hadoop's chmod path sets (compared on the same calls). */
class NioRawLocalFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void modeBitsMapToTheirPosixPermissions() {
        for (String rwx : new String[] {"rw-r-----", "rwxr-xr-x", "rwxrwxrwx", "---------", "r--------", "-w--w--w-",
                "--x--x--x"}) {
            Set<PosixFilePermission> expected = PosixFilePermissions.fromString(rwx);
            short mode = FsPermission.valueOf("-" + rwx).toShort();
            assertEquals(expected, NioRawLocalFileSystem.posix(mode), rwx);
        }
    }

    @Test
    void createsFilesAndDirectoriesWithTheSamePermissionsAsHadoopsChmod() throws IOException {
        for (String mode : new String[] {"750", "700", "755", "640"}) {
            FsPermission p = new FsPermission(mode);
            assertEquals(permissionsAfter(new RawLocalFileSystem(), "hadoop-" + mode, p),
                    permissionsAfter(new NioRawLocalFileSystem(), "nio-" + mode, p), mode);
        }
    }

    /** mkdirs, create and an explicit setPermission with mode p under a fresh directory; the three results. */
    private String permissionsAfter(RawLocalFileSystem fs, String name, FsPermission p) throws IOException {
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
        fs.mkdirs(new org.apache.hadoop.fs.Path(d, "a/b"), p);
        org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(d, "a/file");
        try (FSDataOutputStream out = fs.create(f, p, true, 4096, (short) 1, 1 << 20, null)) {
            out.write(1);
        }
        fs.setPermission(new org.apache.hadoop.fs.Path(d, "a"), p);
        return Files.getPosixFilePermissions(dir.resolve(name).resolve("a/b")) + " "
                + Files.getPosixFilePermissions(dir.resolve(name).resolve("a/file")) + " "
                + Files.getPosixFilePermissions(dir.resolve(name).resolve("a"));
    }

    @Test
    void stickyModesAndMissingFilesGoThroughHadoop() throws IOException {
        NioRawLocalFileSystem fs = new NioRawLocalFileSystem();
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        Files.createDirectories(dir.resolve("t"));
        fs.setPermission(new org.apache.hadoop.fs.Path(dir.resolve("t").toUri()), new FsPermission((short) 01777));
        assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), Files.getPosixFilePermissions(dir.resolve("t")));
        assertThrows(IOException.class, () -> fs.setPermission(new org.apache.hadoop.fs.Path(dir.resolve("none").toUri()),
                new FsPermission((short) 0640)));
    }

    @Test
    void archivesUseIt() throws IOException {
        assertInstanceOf(NioRawLocalFileSystem.class, Archive.at(dir.toString()).fileSystem());
        assertInstanceOf(NioRawLocalFileSystem.class, FileSystem.newInstance(dir.toUri(),
                Archive.at(dir.toString()).configuration()));
    }
}
