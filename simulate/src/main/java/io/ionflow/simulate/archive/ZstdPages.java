package io.ionflow.simulate.archive;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parquet's codecs for reading one file, with ZSTD pages decompressed whole by one {@link ZstdDecompressCtx} (made
 * once per file, one call per page, from the page's bytes straight into an array of {@link ReadBuffers}, reused once
 * the page is decoded)
 * instead of through a zstd-jni stream and a copy; every other codec, and compression, is parquet-mr's own
 * ({@code delegate}). A page that does not decompress to exactly its uncompressed size is an {@link IOException}.
 * Not thread-safe: one reader, one thread.
 */
final class ZstdPages implements CompressionCodecFactory {
    private final CompressionCodecFactory delegate;
    private final ReadBuffers buffers;
    private ZstdDecompressCtx context;

    ZstdPages(CompressionCodecFactory delegate, ReadBuffers buffers) {
        this.delegate = delegate;
        this.buffers = buffers;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return delegate.getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.ZSTD ? new WholePages(this, delegate.getDecompressor(codec))
                : delegate.getDecompressor(codec);
    }

    private ZstdDecompressCtx context() {
        if (context == null) {
            context = new ZstdDecompressCtx();
        }
        return context;
    }

    @Override
    public void release() {
        if (context != null) {
            context.close();
            context = null;
        }
        delegate.release();
    }

    /** Heap pages whole; direct buffers (not used by the heap reader) go to parquet-mr's decompressor. */
    private static final class WholePages implements BytesInputDecompressor {
        private final ZstdPages codecs;
        private final BytesInputDecompressor stream;

        WholePages(ZstdPages codecs, BytesInputDecompressor stream) {
            this.codecs = codecs;
            this.stream = stream;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            ByteBuffer in = bytes.toByteBuffer();
            if (!in.hasArray()) {
                return stream.decompress(BytesInput.from(in), uncompressedSize);
            }
            return codecs.buffers.page(uncompressedSize, out -> {
                int n;
                try {
                    n = codecs.context().decompressByteArray(out, 0, uncompressedSize, in.array(),
                            in.arrayOffset() + in.position(), in.remaining());
                } catch (ZstdException e) {
                    throw new IOException("ZSTD page cannot be decompressed: " + e.getMessage(), e);
                }
                if (n != uncompressedSize) {
                    throw new IOException("ZSTD page decompressed to " + n + " bytes, its header says " + uncompressedSize);
                }
            });
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            stream.decompress(input, compressedSize, output, uncompressedSize);
        }

        @Override
        public void release() {
            stream.release();
        }
    }
}
