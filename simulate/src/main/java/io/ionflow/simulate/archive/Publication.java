package io.ionflow.simulate.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the publication of a job's outputs — several staged tables ({@link StagedPartitions}) and
 * text files such as {@code report/diffusion.csv} — all-or-nothing, with a small redo journal.
 *
 * <p>Protocol: every output is first complete under a hidden name (staging directories, a hidden pending copy of
 * each text file). Then a journal naming all of them is written atomically as {@code <archive>/.publishing-<id>.json};
 * from that moment the publication is decided. The renames follow, and the journal is deleted last. A process
 * killed before the journal exists leaves only hidden files (the old results stay, and the next job deletes the
 * leftovers); a process killed after it leaves a journal, and {@link #recover} — which every job that writes or
 * reads these outputs calls first — finishes the renames (each step can be repeated), so the job's runs are new in
 * every output. A reader that goes through IonFlow therefore sees, for each run, the old results everywhere or the
 * new results everywhere, never a mixture. (A reader that looks at the files directly between the kill and the next
 * IonFlow job can see the half-finished renames.) Files that the new outputs no longer contain (a figure the new report
 * does not draw) can be listed in the journal too; they are deleted with the renames.
 */
public final class Publication {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = ".publishing-";
    /** A pending copy's name: {@code .<target>.pending-<id>}. */
    private static final java.util.regex.Pattern PENDING = java.util.regex.Pattern.compile("\\..+\\.pending-[0-9a-f]{8}");

    private final Archive archive;
    private final Path journal;
    private final List<StagedPartitions> tables;
    /** target → pending hidden copy. */
    private final Map<Path, Path> texts;
    /** Files that the new outputs no longer contain (a figure the new report does not draw). */
    private final List<Path> obsolete;

    private Publication(Archive archive, Path journal, List<StagedPartitions> tables, Map<Path, Path> texts,
                        List<Path> obsolete) {
        this.archive = archive;
        this.journal = journal;
        this.tables = tables;
        this.texts = texts;
        this.obsolete = obsolete;
    }

    /** Stages a job's tables into the list it is given (what it staged before failing is discarded). */
    public interface Staging {
        void stage(List<StagedPartitions> into) throws IOException;
    }

    /** The new content of a job's text files, computed once its tables are staged. */
    public interface Texts {
        Map<Path, String> get() throws IOException;
    }

    /**
     * A job's whole publication: stages its tables, computes its text files, then {@link #begin} and {@link #complete}.
     * If staging or the texts fail, every table staged so far is discarded; once {@link #begin} has returned, the
     * journal owns them and nothing is discarded.
     */
    public static void publish(Archive archive, Staging staging, Texts texts) throws IOException {
        List<StagedPartitions> staged = new ArrayList<>();
        try {
            staging.stage(staged);
            Publication publication = begin(archive, staged, texts.get());
            staged.clear(); // decided: from here the journal owns the staged tables (never discard them)
            publication.complete();
        } finally {
            for (StagedPartitions st : staged) {
                st.discard();
            }
        }
    }

    /**
     * Writes the pending text files and the journal; after this returns the publication is decided and
     * {@link #complete} (or a later {@link #recover}) carries it out.
     *
     * @param staged complete staged tables
     * @param texts  target file → its new content (UTF-8)
     */
    public static Publication begin(Archive archive, List<? extends StagedPartitions> staged, Map<Path, String> texts)
            throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        texts.forEach((target, text) -> files.put(target, text.getBytes(StandardCharsets.UTF_8)));
        return beginFiles(archive, staged, files);
    }

    /**
     * As {@link #begin} with files of any content (a report's figures). If a pending copy cannot be written (a full
     * disk), the copies written so far are deleted and nothing is decided.
     */
    public static Publication beginFiles(Archive archive, List<? extends StagedPartitions> staged,
                                         Map<Path, byte[]> files) throws IOException {
        return beginFiles(archive, staged, files, List.of());
    }

    /**
     * As {@link #beginFiles(Archive, List, Map)}, and the files {@code obsolete} (inside the archive) are deleted as
     * part of the same publication, after the renames.
     */
    public static Publication beginFiles(Archive archive, List<? extends StagedPartitions> staged,
                                         Map<Path, byte[]> files, List<Path> obsolete) throws IOException {
        FileSystem fs = archive.fileSystem();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<Path, Path> pending = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                Path target = f.getKey();
                Path p = new Path(target.getParent(), "." + target.getName() + ".pending-" + id);
                fs.mkdirs(target.getParent());
                pending.put(target, p);
                try (FSDataOutputStream out = fs.create(p, true)) {
                    out.write(f.getValue());
                } catch (IOException e) {
                    throw new IOException("could not write " + target + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : pending.values()) {
                fs.delete(p, false);
            }
            throw e;
        }
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode ts = doc.putArray("tables");
        for (StagedPartitions s : staged) {
            ts.addObject().put("table", relative(archive, s.table())).put("staging", relative(archive, s.staging()))
                    .put("depth", s.depth());
        }
        ArrayNode xs = doc.putArray("texts");
        for (Map.Entry<Path, Path> p : pending.entrySet()) {
            xs.addObject().put("target", relative(archive, p.getKey())).put("pending", relative(archive, p.getValue()));
        }
        ArrayNode ds = doc.putArray("obsolete");
        for (Path p : obsolete) {
            ds.add(relative(archive, p));
        }
        Path journal = new Path(archive.root(), PREFIX + id + ".json");
        AtomicWrites.writeBytes(archive, journal, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        return new Publication(archive, journal, new ArrayList<>(staged), pending, List.copyOf(obsolete));
    }

    /** Carries out the renames and deletes the journal. Safe to repeat after a crash at any step. */
    public void complete() throws IOException {
        FileSystem fs = archive.fileSystem();
        for (StagedPartitions s : tables) {
            s.publish();
        }
        for (Map.Entry<Path, Path> t : texts.entrySet()) {
            if (fs.exists(t.getValue())) {
                archive.publish(t.getValue(), t.getKey());
            }
        }
        for (Path p : obsolete) {
            fs.delete(p, false);
        }
        for (StagedPartitions s : tables) {
            // a partition caught between its two renames by a crash: its old copy is now obsolete
            StagedPartitions.recover(archive, s.table(), s.depth());
        }
        fs.delete(journal, false);
    }

    /**
     * Finishes every publication a killed job left decided but unfinished. Call before reading or writing a job's
     * outputs (and before deleting stale staging directories, which a journal may still need).
     *
     * @return how many publications were finished
     */
    public static int recover(Archive archive) throws IOException {
        FileSystem fs = archive.fileSystem();
        if (!fs.exists(archive.root())) {
            return 0;
        }
        int n = 0;
        for (FileStatus f : fs.listStatus(archive.root())) {
            String name = f.getPath().getName();
            if (!f.isFile() || !name.startsWith(PREFIX) || !name.endsWith(".json")) {
                continue;
            }
            JsonNode doc;
            try (FSDataInputStream in = fs.open(f.getPath())) {
                doc = JSON.readTree(in);
            }
            List<StagedPartitions> staged = new ArrayList<>();
            for (JsonNode t : doc.path("tables")) {
                staged.add(StagedPartitions.of(archive, resolve(archive, t.path("table").asText()),
                        resolve(archive, t.path("staging").asText()), t.path("depth").asInt()));
            }
            Map<Path, Path> texts = new LinkedHashMap<>();
            for (JsonNode t : doc.path("texts")) {
                texts.put(resolve(archive, t.path("target").asText()), resolve(archive, t.path("pending").asText()));
            }
            List<Path> obsolete = new ArrayList<>();
            for (JsonNode d : doc.path("obsolete")) { // absent in journals of IonFlow before session 30
                obsolete.add(resolve(archive, d.asText()));
            }
            new Publication(archive, f.getPath(), staged, texts, obsolete).complete();
            n++;
        }
        dropUndecided(fs, archive.reportDir(), 1);
        return n;
    }

    /**
     * Deletes the pending copies a job killed before its journal left in {@code report/} and {@code report/figures/}
     * (every decided one has just been renamed into place; the archive lock keeps other jobs out).
     */
    private static void dropUndecided(FileSystem fs, Path dir, int depth) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            String name = f.getPath().getName();
            if (f.isFile() && PENDING.matcher(name).matches()) {
                fs.delete(f.getPath(), false);
            } else if (f.isDirectory() && depth > 0 && !name.startsWith(".")) {
                dropUndecided(fs, f.getPath(), depth - 1);
            }
        }
    }

    private static String relative(Archive archive, Path p) {
        String root = archive.root().toUri().getPath();
        String s = p.toUri().getPath();
        if (!s.startsWith(root + "/")) {
            throw new IllegalArgumentException(p + " is not inside the archive " + archive.root());
        }
        return s.substring(root.length() + 1);
    }

    private static Path resolve(Archive archive, String rel) {
        return new Path(archive.root(), rel);
    }
}
