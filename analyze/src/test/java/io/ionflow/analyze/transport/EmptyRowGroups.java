package io.ionflow.analyze.transport;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a Parquet file's footer with an empty row group (0 rows; every column chunk empty, without statistics or
 * page indexes) before each of its row groups and after the last; the pages are not touched. parquet-mr's writer
 * refuses to end a row group of 0 rows, but other writers leave such row groups, and the format allows them.
 */
public final class EmptyRowGroups {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private EmptyRowGroups() {}

    public static void insert(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = all.length - 8 - footerLength;
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(all, footerStart, footerLength));
        List<RowGroup> groups = new ArrayList<>();
        for (RowGroup g : meta.getRow_groups()) {
            groups.add(empty(g));
            groups.add(g);
        }
        groups.add(empty(meta.getRow_groups().get(meta.getRow_groups().size() - 1)));
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).setOrdinal((short) i);
        }
        meta.setRow_groups(groups);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, footer);
        Path tmp = file.resolveSibling(".with-empty-" + file.getFileName());
        try (var out = Files.newOutputStream(tmp)) {
            out.write(all, 0, footerStart);
            footer.writeTo(out);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
            out.write(MAGIC);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A row group like {@code g} with no rows: every chunk 0 values and 0 bytes. */
    private static RowGroup empty(RowGroup g) {
        RowGroup e = g.deepCopy();
        e.setNum_rows(0);
        e.setTotal_byte_size(0);
        e.setTotal_compressed_size(0);
        for (ColumnChunk c : e.getColumns()) {
            ColumnMetaData m = c.getMeta_data();
            m.setNum_values(0);
            m.setTotal_compressed_size(0);
            m.setTotal_uncompressed_size(0);
            m.unsetStatistics();
            m.unsetEncoding_stats();
            m.unsetDictionary_page_offset();
            m.unsetSize_statistics();
            m.unsetBloom_filter_offset();
            m.unsetBloom_filter_length();
            c.unsetOffset_index_offset();
            c.unsetOffset_index_length();
            c.unsetColumn_index_offset();
            c.unsetColumn_index_length();
        }
        return e;
    }
}
