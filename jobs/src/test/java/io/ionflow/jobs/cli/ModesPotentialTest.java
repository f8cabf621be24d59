package io.ionflow.jobs.cli;

import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.TestConf;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.PotentialStore;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import io.ionflow.simulate.archive.RunsTableWriter;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modes --potential FILE}: an ingested run (no potential in the archive) is refused without it and analysed
 * with it, the potential used recorded per snapshot and stored in the archive; a model lacking one of a run's
 * species refuses that run only; a missing file is one line; on a simulated archive a different potential is used only
 * with {@code --override-potential}, an equal one just proceeds, a changed stored file is refused naming its hash, and
 * runs rows with the old inline parameters are still analysed.
 */
class ModesPotentialTest {

    private static final String[] MODES = {"--every", "1", "--max-snapshots", "2", "--lag-ps", "0.04"};

    @Test
    void ingestedRunIsAnalysedWithTheGivenPotential(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        String archive = dir.resolve("a").toString();
        ingest(dir, "agte", ag2teFrames());

        JobTestSupport.Run none = modes(archive);
        assertEquals(ExitCodes.PARTIAL_FAILURE, none.rc(), none.err());
        assertTrue(none.err().contains("modes: refused run agte: its potential is unknown to IonFlow (source extxyz)")
                && none.err().contains("--potential"), none.err());

        Path vash = TestConf.ag2tePotential();
        String sha = PotentialStore.sha256(Files.readAllBytes(vash));
        JobTestSupport.Run with = modes(archive, "--potential", vash.toString());
        assertEquals(ExitCodes.OK, with.rc(), with.out() + with.err());
        assertTrue(with.out().contains("--potential " + vash) && with.out().contains("1 run(s) analysed with it"), with.out());
        assertTrue(Files.isRegularFile(dir.resolve("a/potentials/" + sha + ".txt")), "the given file is stored by hash");
        List<Row> rows = snapshots(archive, "agte");
        assertEquals(2, rows.size());
        for (Row r : rows) {
            double fu = r.getDouble(r.fieldIndex("f_u"));
            assertTrue(fu >= 0 && fu <= 1, "f_u " + fu);
            assertEquals(sha, r.getString(r.fieldIndex("potential_sha256")));
            assertEquals(vash.getFileName().toString(), r.getString(r.fieldIndex("potential_file")));
        }
        assertEquals("run_id,temperature_k,vacancy_fraction,f_u,f_u_err,n_snapshots",
                Files.readAllLines(dir.resolve("a/report/modes.csv")).get(0), "modes.csv unchanged");

        JobTestSupport.Run missing = modes(archive, "--potential", dir.resolve("nope.vashishta").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.rc(), missing.err());
        assertOneLine(missing, "nope.vashishta", "file not found");
        JobTestSupport.Run directory = modes(archive, "--potential", dir.toString(), "--style", "vashishta");
        assertEquals(ExitCodes.BAD_INPUT, directory.rc(), directory.err());
        assertOneLine(directory, dir.toString(), "is a directory");
        JobTestSupport.Run style = modes(archive, "--potential", vash.toString(), "--style", "tersoff");
        assertEquals(ExitCodes.BAD_INPUT, style.rc(), style.err());
        assertOneLine(style, "unknown style 'tersoff'", "--style");
    }

    @Test
    void speciesMissingFromTheModelRefusesThatRunOnly(@TempDir Path dir) throws Exception {
        Path nep = Path.of("..", "..", "shared", "nep", "Si_2022_NEP4_3body.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(nep), "../shared/nep absent; skipping");
        SharedSpark.session();
        String archive = dir.resolve("a").toString();
        ingest(dir, "agte", ag2teFrames());
        ingest(dir, "si", siliconFrames());
        JobTestSupport.Run r = modes(archive, "--potential", nep.toString());
        assertEquals(ExitCodes.PARTIAL_FAILURE, r.rc(), r.out() + r.err());
        List<String> refused = r.err().lines().filter(l -> l.startsWith("modes: refused run")).toList();
        assertEquals(1, refused.size(), r.err());
        assertTrue(refused.get(0).startsWith("modes: refused run agte: --potential Si_2022_NEP4_3body.txt:")
                && refused.get(0).contains("'Ag' is not in the model"), refused.get(0));
        String sha = PotentialStore.sha256(Files.readAllBytes(nep));
        List<Row> rows = snapshots(archive, "si");
        assertEquals(2, rows.size());
        for (Row row : rows) assertEquals(sha, row.getString(row.fieldIndex("potential_sha256")));
        assertTrue(snapshots(archive, "agte").isEmpty());
    }

    @Test
    void differentStoredPotentialNeedsOverride(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = dir.resolve("c.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [700]")
                .replace("\"production_ps\": 1.6", "\"production_ps\": 0.4"));
        String archive = dir.resolve("a").toString();
        assertEquals(0, cli("simulate", "--campaign", campaign.toString(), "--archive", archive).rc());
        Path original = TestConf.ag2tePotential();
        Path modified = dir.resolve("Ag2Te-modified.vashishta");
        String text = Files.readString(original);
        assertTrue(text.contains("4348.5"));
        Files.writeString(modified, text.replace("4348.5", "4348.6"));
        String shaOriginal = PotentialStore.sha256(Files.readAllBytes(original));
        String shaModified = PotentialStore.sha256(Files.readAllBytes(modified));

        JobTestSupport.Run refused = modes(archive, "--potential", modified.toString());
        assertEquals(ExitCodes.PARTIAL_FAILURE, refused.rc(), refused.err());
        List<String> lines = refused.err().lines().filter(l -> l.startsWith("modes: refused run")).toList();
        assertEquals(2, lines.size(), refused.err());
        for (String l : lines) {
            assertTrue(l.contains("its stored potential (Ag2Te.vashishta, sha256 " + shaOriginal + ") differs from"
                    + " --potential Ag2Te-modified.vashishta (sha256 " + shaModified + ")")
                    && l.contains("--override-potential"), l);
        }
        assertFalse(Files.exists(dir.resolve("a/analysis/modes")), "nothing analysed");
        assertFalse(Files.exists(dir.resolve("a/potentials/" + shaModified + ".txt")), "an unused file is not stored");

        JobTestSupport.Run over = modes(archive, "--potential", modified.toString(), "--override-potential");
        assertEquals(ExitCodes.OK, over.rc(), over.out() + over.err());
        assertEquals(4, potentialHashes(archive, shaModified), "2 runs × 2 snapshots with the given potential");
        assertTrue(Files.isRegularFile(dir.resolve("a/potentials/" + shaModified + ".txt")));

        JobTestSupport.Run same = modes(archive, "--potential", original.toString());
        assertEquals(ExitCodes.OK, same.rc(), same.out() + same.err());
        assertEquals(4, potentialHashes(archive, shaOriginal), "an equal potential just proceeds");

        Path stored = dir.resolve("a/potentials/" + shaOriginal + ".txt");
        Files.writeString(stored, text.replace("4348.5", "4348.7")); // changed bytes under the old name
        JobTestSupport.Run corrupt = modes(archive);
        assertEquals(ExitCodes.PARTIAL_FAILURE, corrupt.rc(), corrupt.err());
        List<String> bad = corrupt.err().lines().filter(l -> l.startsWith("modes: refused run")).toList();
        assertEquals(2, bad.size(), corrupt.err());
        for (String l : bad) assertTrue(l.contains(stored.toString()) && l.contains("is corrupt") && l.contains(shaOriginal), l);

        // rows as older IonFlow wrote them (the whole text inline under "parameters") still work, without the file
        Archive a = Archive.at(archive);
        String inline = PotentialStyles.load("vashishta", original, List.of("Ag", "Te")).toJson();
        for (RunInfo r : RunsTableReader.readAll(a)) {
            RunsTableWriter.write(a, new RunInfo(r.runId(), r.system(), r.temperatureK(), r.vacancyFraction(), r.replica(),
                    r.nAtoms(), r.timestepFs(), r.frameIntervalPs(), r.nFrames(), r.cell(), r.species(), r.masses(), inline,
                    r.seed(), r.source()));
        }
        JobTestSupport.Run old = modes(archive);
        assertEquals(ExitCodes.OK, old.rc(), old.out() + old.err());
        assertEquals(4, potentialHashes(archive, shaOriginal), "inline parameters name the same hash");
    }

    private static JobTestSupport.Run modes(String archive, String... extra) {
        String[] args = new String[3 + MODES.length + extra.length];
        args[0] = "modes";
        args[1] = "--archive";
        args[2] = archive;
        System.arraycopy(MODES, 0, args, 3, MODES.length);
        System.arraycopy(extra, 0, args, 3 + MODES.length, extra.length);
        return cli(args);
    }

    private static List<Row> snapshots(String archive, String runId) {
        return SharedSpark.session().read().parquet(archive + "/analysis/modes").where("run_id = '" + runId + "'")
                .collectAsList();
    }

    private static long potentialHashes(String archive, String sha) {
        List<Row> all = SharedSpark.session().read().parquet(archive + "/analysis/modes").collectAsList();
        assertEquals(all.size(), all.stream().filter(r -> sha.equals(r.getString(r.fieldIndex("potential_sha256")))).count(),
                "every snapshot names " + sha);
        return all.size();
    }

    private static void assertOneLine(JobTestSupport.Run r, String what, String problem) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("ionflow modes:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(what) && lines.get(0).contains(problem), lines.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** Ingests frames (species, cell edge, positions per frame) written as a GPUMD-style extxyz, 40 fs apart. */
    private static void ingest(Path dir, String runId, Frames f) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < f.positions().length; k++) {
            sb.append(f.species().length).append('\n').append(String.format(Locale.ROOT,
                    "Time=%d Lattice=\"%.6f 0 0 0 %.6f 0 0 0 %.6f\" Properties=species:S:1:pos:R:3%n", 40 * k, f.edge(),
                    f.edge(), f.edge()));
            for (int i = 0; i < f.species().length; i++) {
                double[] x = f.positions()[k];
                sb.append(String.format(Locale.ROOT, "%s %.6f %.6f %.6f%n", f.species()[i], x[3 * i], x[3 * i + 1], x[3 * i + 2]));
            }
        }
        Path xyz = dir.resolve(runId + ".xyz");
        Files.writeString(xyz, sb.toString());
        JobTestSupport.Run r = cli("ingest", "--format", "extxyz", "--input", xyz.toString(), "--archive",
                dir.resolve("a").toString(), "--run-id", runId, "--temperature-k", "600");
        assertEquals(0, r.rc(), r.out() + r.err());
    }

    private record Frames(String[] species, double edge, double[][] positions) {}

    /** One conventional α-Ag2Te cell (12 atoms), 4 frames of small random displacements, wrapped into the box. */
    private static Frames ag2teFrames() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(5L);
        Structure s = Antifluorite.build("Ag", "Te", 1, 6.57, 0.0, false, rng).structure();
        String[] species = new String[s.size()];
        for (int i = 0; i < s.size(); i++) species[i] = s.speciesName(s.type(i));
        return new Frames(species, 6.57, jiggle(s.positions(), 6.57, rng));
    }

    /** The 8-atom diamond cell of Si, 4 frames. */
    private static Frames siliconFrames() {
        double a = 5.43;
        double[] base = new double[24];
        double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        for (int i = 0; i < 8; i++) {
            for (int d = 0; d < 3; d++) base[3 * i + d] = a * (fcc[i % 4][d] + (i >= 4 ? 0.25 : 0));
        }
        String[] species = new String[8];
        java.util.Arrays.fill(species, "Si");
        return new Frames(species, a, jiggle(base, a, RandomSource.XO_SHI_RO_256_PP.create(9L)));
    }

    private static double[][] jiggle(double[] base, double edge, UniformRandomProvider rng) {
        double[][] frames = new double[4][];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = base.clone();
            for (int j = 0; j < base.length; j++) {
                double x = base[j] + 0.1 * (2 * rng.nextDouble() - 1);
                frames[k][j] = x - edge * Math.floor(x / edge);
            }
        }
        return frames;
    }
}
