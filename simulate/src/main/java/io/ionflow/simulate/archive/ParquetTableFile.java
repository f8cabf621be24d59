package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Column-wise access to one Parquet file of the archive (parquet-hadoop, no record assembly):
 * opens the file, checks the contract columns by name and type, projects the file onto them and
 * hands out one {@link ColumnReader} per column and row group. Every failure becomes an
 * {@link ArchiveFormatException} naming the file.
 */
final class ParquetTableFile implements Closeable {
    private final Path path;
    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private MessageType projection;
    private final Map<String, ColumnDescriptor> columns = new HashMap<>();

    private ParquetTableFile(Path path, ParquetFileReader reader) {
        this.path = path;
        this.reader = reader;
        this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
    }

    static ParquetTableFile open(Archive archive, Path path) throws ArchiveFormatException {
        try {
            if (!path.getFileSystem(archive.configuration()).exists(path)) throw new ArchiveFormatException(path, "file not found");
            return new ParquetTableFile(path, ParquetFileReader.open(HadoopInputFile.fromPath(path, archive.configuration())));
        } catch (ArchiveFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveFormatException(path, "not a readable Parquet file (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    Path path() { return path; }

    long rowCount() { return reader.getRecordCount(); }

    /** Key/value metadata of the footer. */
    Map<String, String> metadata() { return reader.getFooter().getFileMetaData().getKeyValueMetaData(); }

    /** Checks that every spec'd column exists with the right type, then reads only those columns. */
    void project(List<ColumnSpec> specs) throws ArchiveFormatException {
        List<Type> fields = new ArrayList<>();
        for (ColumnSpec spec : specs) {
            if (!fileSchema.containsField(spec.name())) {
                throw new ArchiveFormatException(path, "missing column '" + spec.name() + "' (" + spec.sqlType()
                        + "); the file has " + fileSchema.getFields().stream().map(Type::getName)
                        .collect(Collectors.joining(", ")));
            }
            Type t = fileSchema.getType(spec.name());
            String problem = spec.check(t);
            if (problem != null) throw new ArchiveFormatException(path, "column '" + spec.name() + "' " + problem);
            fields.add(t);
        }
        projection = new MessageType(fileSchema.getName(), fields);
        reader.setRequestedSchema(projection);
        for (ColumnDescriptor d : projection.getColumns()) columns.put(d.getPath()[0], d);
    }

    /**
     * Like {@link #project}, but names every problem at once, each type as Spark SQL names it ("column 'n_atoms' is
     * bigint, expected int; missing column 'seed'"), and reads a column of {@code optional} only when the file has it.
     *
     * @return the names of the columns read
     */
    List<String> projectAll(List<ColumnSpec> specs, java.util.Set<String> optional) throws ArchiveFormatException {
        List<Type> fields = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ColumnSpec spec : specs) {
            if (!fileSchema.containsField(spec.name())) {
                if (!optional.contains(spec.name())) problems.add("missing column '" + spec.name() + "'");
                continue;
            }
            Type t = fileSchema.getType(spec.name());
            if (spec.check(t) != null) {
                problems.add("column '" + spec.name() + "' is " + ColumnSpec.sqlName(t) + ", expected " + spec.sqlType());
            }
            fields.add(t);
        }
        if (!problems.isEmpty()) throw new ArchiveFormatException(path, String.join("; ", problems));
        projection = new MessageType(fileSchema.getName(), fields);
        reader.setRequestedSchema(projection);
        for (ColumnDescriptor d : projection.getColumns()) columns.put(d.getPath()[0], d);
        return fields.stream().map(Type::getName).toList();
    }

    /** The schema projected by {@link #project}, needed for definition levels of nested columns. */
    MessageType projection() { return projection; }

    /** The single leaf column of a projected top-level field. */
    ColumnDescriptor column(String name) { return columns.get(name); }

    /** The next row group, or null after the last one. */
    RowGroup nextRowGroup() throws ArchiveFormatException {
        try {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) return null;
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                    new DummyRecordConverter(projection).getRootConverter(), projection,
                    reader.getFooter().getFileMetaData().getCreatedBy());
            return new RowGroup(pages.getRowCount(), store);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Wraps a decoding failure so that it names the file. */
    ArchiveFormatException corrupt(Exception e) {
        return e instanceof ArchiveFormatException a ? a
                : new ArchiveFormatException(path, "cannot decode (truncated or corrupt?): " + e, e);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Column readers of one row group. */
    final class RowGroup {
        final long rows;
        private final ColumnReadStoreImpl store;

        private RowGroup(long rows, ColumnReadStoreImpl store) {
            this.rows = rows;
            this.store = store;
        }

        ColumnReader reader(String name) {
            return store.getColumnReader(columns.get(name));
        }
    }
}
