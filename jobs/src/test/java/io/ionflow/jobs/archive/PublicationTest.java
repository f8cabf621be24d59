package io.ionflow.jobs.archive;

import io.ionflow.jobs.SharedSpark;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.simulate.archive.StagedPartitions;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publication is decided by its journal: a crash before the journal leaves the old outputs everywhere, a crash at
 * any step after it is finished by {@link Publication#recover} so every run is new everywhere. The crashes are
 * reproduced by doing only part of the steps {@link Publication#complete} does.
 */
class PublicationTest {
    @TempDir
    java.nio.file.Path dir;

    private Archive archive;
    private SparkSession spark;

    private Map<String, String> table(String name) {
        Map<String, String> out = new TreeMap<>();
        java.nio.file.Path p = dir.resolve("analysis").resolve(name);
        if (!Files.exists(p)) {
            return out;
        }
        for (Row r : spark.read().parquet(p.toString()).collectAsList()) {
            out.put(r.getAs("run_id"), r.getAs("v"));
        }
        return out;
    }

    private StagedPartitions stage(String name, String version) throws Exception {
        List<Object[]> rows = List.of(new Object[] {"A", version}, new Object[] {"B", version});
        return TableRows.stage(archive, archive.analysisTable(name),
                new TableRows(Tables.schema("run_id:s", "v:s"), rows), "run_id");
    }

    private String csv() throws Exception {
        return Files.readString(dir.resolve("report/d.csv"));
    }

    private Map<Path, String> text(String version) {
        return Map.of(new Path(archive.reportDir(), "d.csv"), "run,v\nA," + version + "\nB," + version + "\n");
    }

    /** Old results in two tables and a CSV, published the normal way. */
    private void oldResults() throws Exception {
        spark = SharedSpark.session();
        archive = Archive.at(dir.toString());
        Publication.begin(archive, List.of(stage("t1", "old"), stage("t2", "old")), text("old")).complete();
        assertEquals(Map.of("A", "old", "B", "old"), table("t1"));
        assertEquals(Map.of("A", "old", "B", "old"), table("t2"));
        assertTrue(csv().contains("A,old"));
    }

    private void assertAll(String version) throws Exception {
        assertEquals(Map.of("A", version, "B", version), table("t1"));
        assertEquals(Map.of("A", version, "B", version), table("t2"));
        assertEquals("run,v\nA," + version + "\nB," + version + "\n", csv());
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            List<String> hidden = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".publishing-") || n.startsWith(".staging-") || n.contains(".old-")
                            || n.contains(".pending-"))
                    .toList();
            assertEquals(List.of(), hidden, "no journal or leftovers");
        }
    }

    @Test
    void aCrashBeforeTheJournalKeepsTheOldResults() throws Exception {
        oldResults();
        stage("t1", "new");
        stage("t2", "new"); // staged, but the process dies before the journal is written
        assertEquals(0, Publication.recover(archive));
        for (String t : List.of("t1", "t2")) {
            StagedPartitions.recover(archive, archive.analysisTable(t), 1); // what msd does next
        }
        assertAll("old");
    }

    @Test
    void aCrashRightAfterTheJournalIsFinishedByRecovery() throws Exception {
        oldResults();
        Publication.begin(archive, List.of(stage("t1", "new"), stage("t2", "new")), text("new")); // then killed
        assertEquals(Map.of("A", "old", "B", "old"), table("t1"), "nothing visible has changed yet");
        assertEquals(1, Publication.recover(archive));
        assertAll("new");
    }

    @Test
    void aCrashAfterOneTableIsFinishedByRecovery() throws Exception {
        oldResults();
        StagedPartitions t1 = stage("t1", "new");
        StagedPartitions t2 = stage("t2", "new");
        Publication.begin(archive, List.of(t1, t2), text("new"));
        t1.publish(); // killed after the first table
        assertEquals(Map.of("A", "new", "B", "new"), table("t1"));
        assertEquals(Map.of("A", "old", "B", "old"), table("t2"), "a mixture on disk before recovery");
        assertEquals(1, Publication.recover(archive));
        assertAll("new");
    }

    @Test
    void aCrashBetweenTheTwoRenamesOfOnePartitionIsFinishedByRecovery() throws Exception {
        oldResults();
        StagedPartitions t1 = stage("t1", "new");
        StagedPartitions t2 = stage("t2", "new");
        Publication.begin(archive, List.of(t1, t2), text("new"));
        // killed after moving t1's old run_id=A aside, before renaming the staged one in
        java.nio.file.Path a = dir.resolve("analysis/t1/run_id=A");
        Files.move(a, a.resolveSibling(".run_id=A.old-" + t1.staging().getName().substring(9)));
        assertFalse(table("t1").containsKey("A"), "run A is briefly absent from t1 on disk");
        assertEquals(1, Publication.recover(archive));
        assertAll("new");
    }

    @Test
    void recoveryCanItselfBeInterruptedAndRepeated() throws Exception {
        oldResults();
        StagedPartitions t1 = stage("t1", "new");
        StagedPartitions t2 = stage("t2", "new");
        Publication.begin(archive, List.of(t1, t2), text("new"));
        t1.publish();
        t2.publish(); // a recovery (or the job) got this far, then died before the CSV and the journal's removal
        assertTrue(csv().contains("A,old"));
        assertEquals(1, Publication.recover(archive));
        assertAll("new");
        assertEquals(0, Publication.recover(archive), "nothing left to finish");
    }

    // ------------------------------------------------------------ a set of named tables (analysis/fits, the fit job)

    private Map<String, String> fitsTable(String name) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : spark.read().parquet(dir.resolve("analysis/fits").resolve(name).toString()).collectAsList()) {
            out.put(r.getAs("k"), r.getAs("v"));
        }
        return out;
    }

    private StagedPartitions stageFits(String version) throws IOException {
        Map<String, TableRows> tables = new java.util.LinkedHashMap<>();
        for (String t : List.of("parameters", "cv_scores")) {
            tables.put(t, new TableRows(Tables.schema("k:s", "v:s"), List.<Object[]>of(new Object[] {t, version})));
        }
        return TableRows.stageTables(archive, archive.analysisTable("fits"), tables);
    }

    private void oldFits() throws Exception {
        spark = SharedSpark.session();
        archive = Archive.at(dir.toString());
        Publication.publish(archive, staged -> staged.add(stageFits("old")), () -> text("old"));
        assertFits("old");
    }

    private void assertFits(String version) throws Exception {
        assertEquals(Map.of("parameters", version), fitsTable("parameters"));
        assertEquals(Map.of("cv_scores", version), fitsTable("cv_scores"));
        assertEquals("run,v\nA," + version + "\nB," + version + "\n", csv());
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".publishing-") || n.startsWith(".staging-") || n.contains(".old-")
                            || n.contains(".pending-")).toList(), "no journal or leftovers");
        }
    }

    @Test
    void namedTablesAndTheirCsvAreOnePublication() throws Exception {
        oldFits();
        stageFits("new"); // killed before the journal: the next fit drops it
        assertEquals(0, Publication.recover(archive));
        StagedPartitions.recover(archive, archive.analysisTable("fits"), 1);
        assertFits("old");

        StagedPartitions fits = stageFits("new");
        Publication.begin(archive, List.of(fits), text("new"));
        // killed between the two renames of the first named table
        java.nio.file.Path p = dir.resolve("analysis/fits/cv_scores");
        Files.move(p, p.resolveSibling(".cv_scores.old-" + fits.staging().getName().substring(9)));
        assertEquals(1, Publication.recover(archive));
        assertFits("new");
    }

    @Test
    void aFailedStagingDiscardsWhatWasStagedAndKeepsTheOldResults() throws Exception {
        oldFits();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Publication.publish(
                archive, staged -> staged.add(stageFits("new")), () -> {
                    throw new IOException("the texts could not be made");
                }));
        assertEquals("the texts could not be made", e.getMessage());
        assertFits("old");
    }

    // ------------------------------------------------------------------ files of any content (the report)

    private static byte[] png(int seed) {
        byte[] b = new byte[3000];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private List<String> pendingCopies() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".pending-")).toList();
        }
    }

    @Test
    void aReportsFilesArePublishedTogetherAndUndecidedCopiesAreDropped() throws Exception {
        archive = Archive.at(dir.toString());
        Path index = new Path(archive.reportDir(), "index.html");
        Path fig = new Path(archive.reportDir(), "figures/msd_Ag.png");
        Publication.beginFiles(archive, List.of(), Map.of(index, "old".getBytes(), fig, png(1))).complete();

        Publication.beginFiles(archive, List.of(), Map.of(index, "new".getBytes(), fig, png(2))); // killed after it
        assertEquals("old", Files.readString(dir.resolve("report/index.html")), "decided, not yet renamed");
        assertEquals(1, Publication.recover(archive));
        assertEquals("new", Files.readString(dir.resolve("report/index.html")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(png(2), Files.readAllBytes(dir.resolve("report/figures/msd_Ag.png")));

        // killed while writing its pending copies, before the journal: the next job drops them
        Files.write(dir.resolve("report/.index.html.pending-0a1b2c3d"), "half".getBytes());
        Files.write(dir.resolve("report/figures/.msd_Ag.png.pending-0a1b2c3d"), png(3));
        assertEquals(0, Publication.recover(archive));
        assertEquals(List.of(), pendingCopies());
        assertEquals("new", Files.readString(dir.resolve("report/index.html")));
    }

    @Test
    void aFigureTheNewReportDoesNotDrawGoesWithTheOldReport() throws Exception {
        archive = Archive.at(dir.toString());
        Path index = new Path(archive.reportDir(), "index.html");
        Path kept = new Path(archive.reportDir(), "figures/msd_Ag.png");
        Path gone = new Path(archive.reportDir(), "figures/arrhenius_Ag.png");
        Publication.beginFiles(archive, List.of(), Map.of(index, "old".getBytes(), kept, png(1), gone, png(5))).complete();

        // killed before its journal: the old report, the figure it drew included
        Files.write(dir.resolve("report/.index.html.pending-0a1b2c3d"), "new".getBytes());
        assertEquals(0, Publication.recover(archive));
        assertTrue(Files.exists(dir.resolve("report/figures/arrhenius_Ag.png")), "not decided: the old figure stays");

        // killed after its journal, before the renames: the recovery publishes the new page and drops the old figure
        Publication.beginFiles(archive, List.of(), Map.of(index, "new".getBytes(), kept, png(2)), List.of(gone));
        assertTrue(Files.exists(dir.resolve("report/figures/arrhenius_Ag.png")), "decided, not yet carried out");
        assertEquals(1, Publication.recover(archive));
        assertEquals("new", Files.readString(dir.resolve("report/index.html")));
        assertFalse(Files.exists(dir.resolve("report/figures/arrhenius_Ag.png")), "the figure the new page does not show");
        assertEquals(0, Publication.recover(archive), "done once");

        // completed in the same process
        Publication.beginFiles(archive, List.of(), Map.of(index, "newer".getBytes(), gone, png(6)), List.of(kept)).complete();
        assertFalse(Files.exists(dir.resolve("report/figures/msd_Ag.png")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(png(6), Files.readAllBytes(dir.resolve("report/figures/arrhenius_Ag.png")));
    }

    @Test
    void aPendingCopyThatCannotBeWrittenLeavesNothingBehind() throws Exception {
        archive = Archive.at(dir.toString());
        Files.createDirectories(dir.resolve("report"));
        Files.writeString(dir.resolve("report/blocked"), "a file where a directory is needed");
        Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(new Path(archive.reportDir(), "index.html"), "new".getBytes());
        files.put(new Path(archive.reportDir(), "blocked/figure.png"), png(4));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Publication.beginFiles(archive, List.of(), files));
        assertEquals(List.of(), pendingCopies(), "the copy already written is deleted");
        assertFalse(Files.exists(dir.resolve("report/index.html")));
        try (Stream<java.nio.file.Path> f = Files.list(dir)) {
            assertTrue(f.noneMatch(x -> x.getFileName().toString().startsWith(".publishing-")), "nothing decided");
        }
    }
}
