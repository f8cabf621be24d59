package io.ionflow.analyze.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.DriftReference;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.ShardFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One msd task and a run's merge without Spark, on a run written by the archive's own shard writer: the MSD curve
 * against a direct O(T²) sum over time origins of the same (float) positions, a run cut into two tasks against one
 * task (bit for bit), and a shard that cannot be read coming back as a value naming the file.
 */
class RunScanTest {
    private static final int ATOMS = 130; // accumulation blocks of 64: [0, 64), [64, 128), [128, 130)
    private static final int FRAMES = 240;
    private static final int PER_SHARD = 100;
    private static final int MAX_LAG = 60;
    private static final double DT = 0.1;
    private static final String[] SPECIES = {"Li", "O"};
    private static final double[] MASSES = {6.94, 16.0};

    @TempDir
    Path dir;
    private Archive archive;
    private float[][] x; // [frame][3 × atom], as stored
    private String[] files;

    @BeforeEach
    void writeRun() throws Exception {
        archive = Archive.at(dir.toString());
        String[] speciesOfAtom = new String[ATOMS];
        for (int a = 0; a < ATOMS; a++) speciesOfAtom[a] = a % 3 == 0 ? "O" : "Li";
        SplittableRandom rng = new SplittableRandom(11);
        double[] r = new double[3 * ATOMS];
        double[] home = new double[3 * ATOMS];
        for (int k = 0; k < r.length; k++) home[k] = r[k] = 20 * rng.nextDouble();
        x = new float[FRAMES][];
        FrameShardWriter w = null;
        for (int f = 0; f < FRAMES; f++) {
            if (f % PER_SHARD == 0) {
                if (w != null) w.commit();
                w = FrameShardWriter.open(archive, "r1", f / PER_SHARD, speciesOfAtom);
            }
            for (int a = 0; a < ATOMS; a++) {
                for (int c = 0; c < 3; c++) {
                    int k = 3 * a + c; // Li walk, O vibrate about their sites
                    r[k] = speciesOfAtom[a].equals("Li") ? r[k] + 0.3 * rng.nextGaussian()
                            : home[k] + 0.05 * rng.nextGaussian();
                }
            }
            w.writeFrame(f, DT * f, r, null);
            x[f] = new float[r.length];
            for (int k = 0; k < r.length; k++) x[f][k] = (float) r[k];
        }
        w.commit();
        files = ShardFile.files(archive, "r1");
        assertEquals(3, files.length);
    }

    private RunTask task(int task, int tasks, int from, int to, String[] shardFiles) {
        return new RunTask(0, "r1", task, tasks, from, to, ATOMS, FRAMES, DT, MAX_LAG, SPECIES, MASSES, shardFiles,
                Method.MSD, null, DriftReference.Mode.NONE, Double.NaN, Double.NaN);
    }

    private RunResult merged(int tasks, List<TaskOutcome> outcomes) {
        return RunMerger.merge(new RunMeta(0, "r1", FRAMES, MAX_LAG, SPECIES, MASSES, Double.NaN, Double.NaN, tasks),
                Method.MSD, outcomes);
    }

    @Test
    void msdEqualsTheDirectSumOverTimeOrigins() {
        RunResult r = merged(1, List.of(RunScan.run(task(0, 1, 0, ATOMS, files), archive.configuration())));
        assertTrue(r.ok(), r.message());
        for (int s = 0; s < SPECIES.length; s++) {
            RunResult.SpeciesResult sr = r.species().get(s);
            double[] want = directMsd(s);
            assertEquals(MAX_LAG + 1, sr.lagPs().length);
            for (int lag = 0; lag <= MAX_LAG; lag++) {
                assertEquals(lag * DT, sr.lagPs()[lag], 1e-12);
                assertEquals(want[lag], sr.curves()[0][lag], 1e-9 * (1 + want[lag]), SPECIES[s] + " lag " + lag);
            }
        }
        assertEquals(86, r.species().get(0).atoms());
        assertEquals(44, r.species().get(1).atoms());
    }

    @Test
    void twoTasksGiveTheBitsOfOne() {
        RunResult one = merged(1, List.of(RunScan.run(task(0, 1, 0, ATOMS, files), archive.configuration())));
        List<TaskOutcome> halves = new ArrayList<>();
        halves.add(RunScan.run(task(1, 2, 64, ATOMS, files), archive.configuration()));
        halves.add(RunScan.run(task(0, 2, 0, 64, files), archive.configuration()));
        RunResult two = merged(2, halves);
        assertSameBits(one, two);
    }

    @Test
    void anUnreadableShardComesBackAsAValueNamingTheFile() {
        String[] withMissing = {files[0], files[1], files[1].replace("part-00001", "part-00009")};
        TaskOutcome o = RunScan.run(task(0, 1, 0, ATOMS, withMissing), archive.configuration());
        assertEquals(TaskOutcome.Status.FAILED, o.status());
        assertTrue(o.message().contains("part-00009"), o.message());
        RunResult r = merged(1, List.of(o));
        assertEquals(TaskOutcome.Status.FAILED, r.status());
        assertEquals(o.message(), r.message());
    }

    /**
     * Empty row groups (0 rows, as some writers leave them) before, between and after the row groups of a shard change
     * no bit: the task passes over them by their row count, in both of its reads of the shard.
     */
    @Test
    void emptyRowGroupsInAShardChangeNothing() throws Exception {
        RunResult before = merged(1, List.of(RunScan.run(task(0, 1, 0, ATOMS, files), archive.configuration())));
        Path shard = Path.of(java.net.URI.create(files[1]));
        int groups = blocks(shard).size();
        EmptyRowGroups.insert(shard);
        List<Long> rows = blocks(shard);
        assertEquals(2 * groups + 1, rows.size(), "an empty row group around each of the " + groups);
        assertEquals(0L, rows.get(0));
        assertEquals(0L, rows.get(rows.size() - 1));
        RunResult after = merged(1, List.of(RunScan.run(task(0, 1, 0, ATOMS, files), archive.configuration())));
        assertSameBits(before, after);
    }

    /** Every curve, D and its error of every species bit for bit, and the atom counts. */
    private static void assertSameBits(RunResult want, RunResult got) {
        assertTrue(got.ok(), got.message());
        for (int s = 0; s < SPECIES.length; s++) {
            RunResult.SpeciesResult a = want.species().get(s);
            RunResult.SpeciesResult b = got.species().get(s);
            for (int c = 0; c < 4; c++) assertArrayEquals(a.curves()[c], b.curves()[c], 0.0);
            assertEquals(Double.doubleToRawLongBits(a.d()), Double.doubleToRawLongBits(b.d()));
            assertEquals(Double.doubleToRawLongBits(a.err()), Double.doubleToRawLongBits(b.err()));
            assertEquals(a.atoms(), b.atoms());
        }
    }

    /** The rows of each row group in a Parquet file's footer. */
    static List<Long> blocks(Path file) throws Exception {
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(file))) {
            return r.getFooter().getBlocks().stream().map(b -> b.getRowCount()).toList();
        }
    }

    /** MSD(lag) of species s: mean over its atoms and all time origins of |r(t + lag) − r(t)|², no drift removed. */
    private double[] directMsd(int s) {
        double[] msd = new double[MAX_LAG + 1];
        for (int lag = 0; lag <= MAX_LAG; lag++) {
            double sum = 0;
            long n = 0;
            for (int a = 0; a < ATOMS; a++) {
                if ((a % 3 == 0 ? 1 : 0) != s) continue;
                for (int t = 0; t + lag < FRAMES; t++) {
                    for (int c = 0; c < 3; c++) {
                        double d = (double) x[t + lag][3 * a + c] - x[t][3 * a + c];
                        sum += d * d;
                    }
                    n++;
                }
            }
            msd[lag] = sum / n;
        }
        return msd;
    }
}
