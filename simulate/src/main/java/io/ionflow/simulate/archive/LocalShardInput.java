package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * A shard on the local file system ({@code file:} archives) read through a {@link FileChannel}: positional reads into
 * the caller's buffers, with no stream buffer or checksum layer between (IonFlow's archives keep no {@code .crc}
 * side files). Hadoop's local streams copy every chunk through a freshly allocated native buffer; this is ≈ 10 % of
 * reading a run of 1000 atoms × 25000 frames (docs/benchmarks.md). Messages name the file as Hadoop's input does.
 */
final class LocalShardInput implements InputFile {
    private final String name;
    private final java.nio.file.Path path;
    private final long length;

    private LocalShardInput(String name, java.nio.file.Path path, long length) {
        this.name = name;
        this.path = path;
        this.length = length;
    }

    /** @param file a {@code file:} URI as the archive lists it */
    static LocalShardInput of(String file) throws IOException {
        java.nio.file.Path p = Paths.get(new Path(file).toUri().getPath());
        try {
            return new LocalShardInput(file, p, Files.size(p));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("File " + file + " does not exist");
        }
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new Stream(FileChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Positional reads of one channel. */
    private static final class Stream extends SeekableInputStream {
        private final FileChannel channel;
        private final byte[] one = new byte[1];
        private long pos;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) {
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = channel.read(buf, pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("Reached the end of stream with " + buf.remaining() + " bytes left to read");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
