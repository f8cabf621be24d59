package io.ionflow.simulate.archive;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * One column chunk of a row group, decoded page by page with parquet-mr's public page and encoding API (data pages
 * v1 and v2, any encoding parquet-mr knows, dictionaries): definition levels give the nulls, and values that are
 * PLAIN-encoded numbers are copied in bulk from the page. This is what the record-level column reader does, without
 * its per-value bookkeeping, which made the scan of a run several times slower than the kernel.
 */
final class ColumnPages {
    private final ColumnDescriptor column;
    private final PageReader pages;
    private final ReadBuffers buffers;
    private final Dictionary dictionary;
    /** The bytes of the data page being decoded, given back to {@link #buffers} when the next is read. */
    private BytesInput current;
    private final int maxDef;
    /** Dictionary ids of the current page (bulk path), reused from page to page and column to column ({@link ReadBuffers#ids}). */
    private int[] ids;
    private int[] intTable;
    private double[] doubleTable;
    /** Names met in this chunk's PLAIN pages (UTF-8 bytes) and their ids, at most 64. */
    private final byte[][] met = new byte[64][];
    private final int[] metIds = new int[64];
    private int metCount;

    /**
     * The values of one data page: how many rows, which are null (null when none is; else the first {@code rows}
     * flags of an array reused for the next page, {@link ReadBuffers#nullFlags}), and where the values start.
     */
    private record Page(int rows, boolean[] nulls, int defined, Encoding encoding, ByteBufferInputStream values) {}

    ColumnPages(ColumnDescriptor column, PageReader pages, ReadBuffers buffers) throws IOException {
        this.column = column;
        this.pages = pages;
        this.buffers = buffers;
        this.maxDef = column.getMaxDefinitionLevel();
        DictionaryPage d = pages.readDictionaryPage();
        this.dictionary = d == null ? null : d.getEncoding().initDictionary(column, d);
    }

    /** @return the null flags (null when no value is null) */
    boolean[] ints(int[] out) throws IOException {
        boolean[] nulls = null;
        int row = 0;
        for (Page p = next(); p != null; p = next()) {
            if (p.encoding == Encoding.PLAIN && p.defined == p.rows) {
                ByteBuffer b = p.values.slice(4 * p.rows).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().get(out, row, p.rows);
            } else if (bulkIds(p)) {
                int[] table = intTable();
                for (int i = 0; i < p.rows; i++) {
                    out[row + i] = table[ids[i]];
                }
            } else {
                ValuesReader r = reader(p);
                for (int i = 0; i < p.rows; i++) {
                    if (p.nulls == null || !p.nulls[i]) {
                        out[row + i] = r.readInteger();
                    }
                }
            }
            nulls = merge(nulls, p, row, out.length);
            row += p.rows;
        }
        return nulls;
    }

    boolean[] doubles(double[] out) throws IOException {
        boolean[] nulls = null;
        int row = 0;
        for (Page p = next(); p != null; p = next()) {
            if (p.encoding == Encoding.PLAIN && p.defined == p.rows) {
                ByteBuffer b = p.values.slice(8 * p.rows).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().get(out, row, p.rows);
            } else if (bulkIds(p)) {
                double[] table = doubleTable();
                for (int i = 0; i < p.rows; i++) {
                    out[row + i] = table[ids[i]];
                }
            } else {
                ValuesReader r = reader(p);
                for (int i = 0; i < p.rows; i++) {
                    if (p.nulls == null || !p.nulls[i]) {
                        out[row + i] = r.readDouble();
                    }
                }
            }
            nulls = merge(nulls, p, row, out.length);
            row += p.rows;
        }
        return nulls;
    }

    boolean[] floats(float[] out) throws IOException {
        boolean[] nulls = null;
        int row = 0;
        for (Page p = next(); p != null; p = next()) {
            if (p.encoding == Encoding.PLAIN && p.defined == p.rows) {
                ByteBuffer b = p.values.slice(4 * p.rows).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().get(out, row, p.rows);
            } else {
                ValuesReader r = reader(p);
                for (int i = 0; i < p.rows; i++) {
                    if (p.nulls == null || !p.nulls[i]) {
                        out[row + i] = r.readFloat();
                    }
                }
            }
            nulls = merge(nulls, p, row, out.length);
            row += p.rows;
        }
        return nulls;
    }

    /**
     * Strings mapped onto ids: {@code ids} for known names, −2 − k for the k-th name added to {@code unknown}, −1 for
     * null. A dictionary is mapped once, not per value.
     */
    void names(int[] out, Map<String, Integer> ids, List<String> unknown) throws IOException {
        int[] byDictId = dictionary == null ? null : new int[dictionary.getMaxId() + 1];
        if (byDictId != null) {
            for (int k = 0; k < byDictId.length; k++) {
                byDictId[k] = id(dictionary.decodeToBinary(k), ids, unknown);
            }
        }
        int row = 0;
        for (Page p = next(); p != null; p = next()) {
            if (bulkIds(p)) {
                for (int i = 0; i < p.rows; i++) {
                    out[row + i] = byDictId[this.ids[i]];
                }
                row += p.rows;
                continue;
            }
            if (p.encoding == Encoding.PLAIN && p.defined == p.rows
                    && column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
                plainNames(p, out, row, ids, unknown);
                row += p.rows;
                continue;
            }
            boolean byDict = p.encoding.usesDictionary();
            ValuesReader r = byDict ? p.encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary)
                    : p.encoding.getValuesReader(column, ValuesType.VALUES);
            r.initFromPage(p.defined, p.values);
            for (int i = 0; i < p.rows; i++) {
                if (p.nulls != null && p.nulls[i]) {
                    out[row + i] = -1;
                } else {
                    out[row + i] = byDict ? byDictId[r.readValueDictionaryId()] : id(r.readBytes(), ids, unknown);
                }
            }
            row += p.rows;
        }
    }

    /**
     * The names of a PLAIN page without nulls (each a 4-byte little-endian length, then its UTF-8 bytes) matched
     * byte by byte against the names already met in this column chunk, so that a row costs a comparison of a few
     * bytes rather than a string and a map lookup (a shard written without a dictionary, e.g. by another tool).
     */
    private void plainNames(Page p, int[] out, int row, Map<String, Integer> ids, List<String> unknown)
            throws IOException {
        ByteBuffer b = p.values.slice(p.values.available());
        int pos = b.position();
        int end = b.limit();
        for (int i = 0; i < p.rows; i++) {
            if (pos + 4 > end) {
                throw new IOException("PLAIN page of names ends after " + i + " of " + p.rows + " values");
            }
            int len = (b.get(pos) & 0xFF) | (b.get(pos + 1) & 0xFF) << 8 | (b.get(pos + 2) & 0xFF) << 16
                    | (b.get(pos + 3) & 0xFF) << 24;
            pos += 4;
            if (len < 0 || len > end - pos) {
                throw new IOException("PLAIN page of names: value " + i + " of " + len + " bytes overruns the page");
            }
            out[row + i] = metName(b, pos, len, ids, unknown);
            pos += len;
        }
    }

    /** The id of the name in {@code b[pos, pos + len)}, from the names met so far when it is one of them. */
    private int metName(ByteBuffer b, int pos, int len, Map<String, Integer> ids, List<String> unknown) {
        for (int k = 0; k < metCount; k++) {
            byte[] name = met[k];
            if (name.length == len && sameBytes(b, pos, name)) {
                return metIds[k];
            }
        }
        byte[] bytes = new byte[len];
        b.get(pos, bytes);
        int id = id(Binary.fromConstantByteArray(bytes), ids, unknown);
        if (metCount < met.length) {
            met[metCount] = bytes;
            metIds[metCount++] = id;
        }
        return id;
    }

    private static boolean sameBytes(ByteBuffer b, int pos, byte[] name) {
        for (int k = 0; k < name.length; k++) {
            if (b.get(pos + k) != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static int id(Binary b, Map<String, Integer> ids, List<String> unknown) {
        String s = b.toStringUsingUTF8();
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        int k = unknown.indexOf(s);
        if (k < 0) {
            unknown.add(s);
            k = unknown.size() - 1;
        }
        return -2 - k;
    }

    /**
     * Decodes the dictionary ids of a page without nulls into {@link #ids} in bulk ({@link DictionaryIds}); false
     * (nothing read) for any other page, which then goes through parquet-mr's value readers.
     */
    private boolean bulkIds(Page p) throws IOException {
        if (dictionary == null || !p.encoding.usesDictionary() || p.defined != p.rows || p.rows == 0) {
            return false;
        }
        ids = DictionaryIds.read(p.values.slice(p.values.available()), p.rows, ids != null ? ids : buffers.ids());
        buffers.keepIds(ids);
        return true;
    }

    /** The dictionary as ints, made once per column chunk. */
    private int[] intTable() {
        if (intTable != null) {
            return intTable;
        }
        int[] t = intTable = new int[dictionary.getMaxId() + 1];
        for (int k = 0; k < t.length; k++) {
            t[k] = dictionary.decodeToInt(k);
        }
        return t;
    }

    private double[] doubleTable() {
        if (doubleTable != null) {
            return doubleTable;
        }
        double[] t = doubleTable = new double[dictionary.getMaxId() + 1];
        for (int k = 0; k < t.length; k++) {
            t[k] = dictionary.decodeToDouble(k);
        }
        return t;
    }

    private ValuesReader reader(Page p) throws IOException {
        ValuesReader r = p.encoding.usesDictionary()
                ? p.encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary)
                : p.encoding.getValuesReader(column, ValuesType.VALUES);
        r.initFromPage(p.defined, p.values);
        return r;
    }

    private static boolean[] merge(boolean[] nulls, Page p, int row, int n) {
        if (p.nulls == null || p.defined == p.rows) {
            return nulls;
        }
        boolean[] out = nulls == null ? new boolean[n] : nulls;
        System.arraycopy(p.nulls, 0, out, row, p.rows);
        return out;
    }

    /** The next data page with its definition levels decoded, or null after the last. */
    private Page next() throws IOException {
        buffers.recycle(current);
        current = null;
        DataPage page = pages.readPage();
        if (page == null) {
            return null;
        }
        return page.accept(new DataPage.Visitor<>() {
            @Override
            public Page visit(DataPageV1 v1) {
                return pageV1(v1);
            }

            @Override
            public Page visit(DataPageV2 v2) {
                return pageV2(v2);
            }
        });
    }

    /** A V1 page: repetition and definition levels at the start of its bytes, then the values. */
    private Page pageV1(DataPageV1 v1) {
        try {
            current = v1.getBytes();
            ByteBufferInputStream in = current.toInputStream();
            int n = v1.getValueCount();
            ValuesReader rl = v1.getRlEncoding().getValuesReader(column, ValuesType.REPETITION_LEVEL);
            rl.initFromPage(n, in);
            boolean[] nulls = null;
            int defined = n;
            if (maxDef > 0) {
                ValuesReader dl = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
                dl.initFromPage(n, in);
                nulls = buffers.nullFlags(n);
                for (int i = 0; i < n; i++) {
                    if (dl.readInteger() != maxDef) {
                        nulls[i] = true;
                        defined--;
                    }
                }
                nulls = defined == n ? null : nulls;
            } else {
                // maxDef 0: no definition levels are stored
                v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL).initFromPage(n, in);
            }
            return new Page(n, nulls, defined, v1.getValueEncoding(), in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A V2 page: definition levels stored apart (RLE), the values' bytes on their own. */
    private Page pageV2(DataPageV2 v2) {
        try {
            int n = v2.getValueCount();
            boolean[] nulls = null;
            int defined = n;
            if (maxDef > 0) {
                RunLengthBitPackingHybridDecoder dl = new RunLengthBitPackingHybridDecoder(
                        BytesUtils.getWidthFromMaxInt(maxDef), v2.getDefinitionLevels().toInputStream());
                nulls = buffers.nullFlags(n);
                for (int i = 0; i < n; i++) {
                    if (dl.readInt() != maxDef) {
                        nulls[i] = true;
                        defined--;
                    }
                }
                nulls = defined == n ? null : nulls;
            }
            current = v2.getData();
            return new Page(n, nulls, defined, v2.getDataEncoding(), current.toInputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
