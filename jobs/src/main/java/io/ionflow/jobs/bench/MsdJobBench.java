package io.ionflow.jobs.bench;

import io.ionflow.analyze.transport.Method;
import io.ionflow.analyze.FftThreads;
import io.ionflow.analyze.MsdAccumulator;
import io.ionflow.analyze.bench.MsdBench;
import io.ionflow.jobs.msd.MsdJob;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ReadBuffers;
import io.ionflow.simulate.archive.ShardFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code bench msd} measurements: the FFT MSD kernel alone (in memory), a plain Spark scan of
 * the frames, and the Spark {@code msd} job, on one synthetic archive.
 */
public final class MsdJobBench {
    private MsdJobBench() {}

    /**
     * Writes the synthetic archive: {@code runs} runs of {@code atoms} atoms (2/3 random walkers
     * "Ag" with D = 0.1 Å²/ps, 1/3 vibrating "Te"), {@code frames} frames of 0.01 ps, positions only.
     *
     * @return seconds spent
     */
    public static double writeArchive(Archive a, int runs, int atoms, int frames, int framesPerShard, int threads)
            throws IOException {
        long t0 = System.nanoTime();
        List<SyntheticArchive.RunSpec> specs = new ArrayList<>();
        int te = atoms / 3;
        for (int r = 0; r < runs; r++) {
            List<SyntheticArchive.SpeciesSpec> sp = List.of(
                    new SyntheticArchive.SpeciesSpec("Ag", 107.8682, atoms - te, SyntheticArchive.Kind.WALK, 0.1, 0),
                    new SyntheticArchive.SpeciesSpec("Te", 127.60, te, SyntheticArchive.Kind.VIBRATE, 0.1, 20.0));
            specs.add(new SyntheticArchive.RunSpec(String.format(Locale.ROOT, "Bench_r%02d", r), 500 + 50 * r, 0.0, sp, frames,
                    0.01, framesPerShard, new double[] {0.05, 0, 0}, false, 42 + r, 40.0));
        }
        SyntheticArchive.write(a, specs, threads);
        return (System.nanoTime() - t0) * 1e-9;
    }

    /**
     * Plain Parquet scan of the frames with Spark: count and Σ(x + y + z) (so x, y, z are decoded).
     *
     * @return {seconds, rows}
     */
    public static double[] scan(SparkSession spark, Archive a) {
        long t0 = System.nanoTime();
        Row r = spark.read().parquet(a.framesDir().toString()).select("x", "y", "z")
                .agg(functions.count(functions.lit(1)), functions.sum(functions.expr("x + y + z"))).first();
        return new double[] {(System.nanoTime() - t0) * 1e-9, r.getLong(0)};
    }

    /**
     * The kernel alone on the archive's data: each run is read back (the tasks' shard reader, no Spark), its
     * atoms' series assembled in memory, then only {@link MsdAccumulator#add} is timed, one run per
     * thread, {@code threads} runs side by side; the maximum lag is the job's default (half the run).
     * Each thread makes one untimed warm-up pass over its run, then {@code passes} timed ones.
     *
     * @return {{wall seconds of pass 1, …, pass {@code passes}}, {read seconds (not part of the kernel time)}}
     */
    public static double[][] kernel(Archive a, List<String> runIds, int atoms, int frames, int threads, int passes)
            throws Exception {
        int previous = FftThreads.get();
        FftThreads.set(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> fs = new ArrayList<>();
            for (String id : runIds) {
                fs.add(pool.submit(() -> kernelOnRun(a, id, atoms, frames, passes)));
            }
            double[] kernelSum = new double[passes];
            double readSum = 0;
            for (Future<double[]> f : fs) {
                double[] t = f.get();
                readSum += t[0];
                for (int p = 0; p < passes; p++) {
                    kernelSum[p] += t[1 + p];
                }
            }
            // wall time with `threads` runs side by side = total kernel time / threads (runs are equal)
            int side = Math.min(threads, runIds.size());
            for (int p = 0; p < passes; p++) {
                kernelSum[p] /= side;
            }
            return new double[][] {kernelSum, {readSum / side}};
        } finally {
            pool.shutdownNow();
            FftThreads.set(previous);
        }
    }

    private static final String[] XYZ = {"x", "y", "z"};

    private static double[] kernelOnRun(Archive a, String id, int atoms, int frames, int passes) throws IOException {
        long t0 = System.nanoTime();
        float[][] x = new float[atoms][frames];
        float[][] y = new float[atoms][frames];
        float[][] z = new float[atoms][frames];
        Configuration conf = a.fileSystem().getConf();
        ReadBuffers buffers = new ReadBuffers();
        ShardFile.Columns c = null; // the row group's arrays, reused for the next one
        for (String file : ShardFile.files(a, id)) {
            try (ShardFile shard = ShardFile.open(file, conf, XYZ, 3, false, buffers)) {
                for (int g = 0; g < shard.rowGroups(); g++) {
                    c = shard.nextRowGroup(Map.of(), false, c);
                    for (int i = 0; i < c.rows; i++) {
                        x[c.atom[i]][c.frame[i]] = c.values[0][i];
                        y[c.atom[i]][c.frame[i]] = c.values[1][i];
                        z[c.atom[i]][c.frame[i]] = c.values[2][i];
                    }
                }
            } catch (ShardFile.Unreadable e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        double[] out = new double[1 + passes];
        out[0] = (System.nanoTime() - t0) * 1e-9;
        int maxLag = Math.max(1, (frames - 1) / 2);
        for (int p = -1; p < passes; p++) { // p = −1: warm-up pass, not timed
            long t1 = System.nanoTime();
            MsdAccumulator acc = new MsdAccumulator(frames, 0.01, maxLag);
            for (int i = 0; i < atoms; i++) {
                acc.add(x[i], y[i], z[i]);
            }
            double check = acc.result().total()[maxLag];
            if (p >= 0) {
                out[1 + p] = (System.nanoTime() - t1) * 1e-9;
            }
            if (!Double.isFinite(check)) {
                throw new IllegalStateException("non-finite MSD");
            }
        }
        return out;
    }

    /**
     * Runs the Spark msd job on the archive.
     *
     * @return seconds
     */
    public static double job(SparkSession spark, Archive a, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        MsdJob.Outcome o = MsdJob.run(spark, a.root().toString(), Method.MSD,
                MsdJob.Options.defaults(), out);
        if (!o.failed().isEmpty()) {
            throw new IllegalStateException("benchmark runs failed: " + o.failed());
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** @return the kernel micro-benchmark at T frames (64 atoms) */
    public static MsdBench.Result kernelSpeed(int frames) {
        return MsdBench.run(frames, 64, frames >= 100_000 ? 5 : 20);
    }
}
