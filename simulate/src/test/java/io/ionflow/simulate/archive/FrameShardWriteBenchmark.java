package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Write/read speed and size of a 1500-atom × 50-frame shard with thermal-like noise.
 * Run with {@code mvn -pl simulate test -Dtest=FrameShardWriteBenchmark -Dionflow.bench=true}.
 */
@EnabledIfSystemProperty(named = "ionflow.bench", matches = "true")
class FrameShardWriteBenchmark {
    @TempDir
    Path dir;

    @Test
    void shardOf1500AtomsAnd50Frames() throws Exception {
        Structure s = ArchiveFixtures.ag2te(5);
        int n = s.size(), frames = 50, shards = 40;
        String[] species = FrameShardWriter.speciesOfAtoms(s);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] pos = new double[frames][], vel = new double[frames][];
        for (int f = 0; f < frames; f++) {
            pos[f] = s.positions().clone();
            vel[f] = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                pos[f][k] += 0.3 * gauss.sample() + 0.02 * f * (k % 5);
                vel[f][k] = 5 * gauss.sample();
            }
        }
        Archive archive = Archive.at(dir.toString());
        for (boolean withVelocities : new boolean[] {true, false}) {
            String run = withVelocities ? "vel" : "novel";
            long best = Long.MAX_VALUE, total = 0;
            for (int shard = 0; shard < shards; shard++) {
                long t0 = System.nanoTime();
                try (FrameShardWriter w = FrameShardWriter.open(archive, run, shard, species)) {
                    for (int f = 0; f < frames; f++) {
                        w.writeFrame(shard * frames + f, 0.05 * (shard * frames + f), pos[f], withVelocities ? vel[f] : null);
                    }
                    w.commit();
                }
                long dt = System.nanoTime() - t0;
                if (shard >= shards / 2) { best = Math.min(best, dt); total += dt; }
            }
            long rows = (long) n * frames;
            long bytes = Files.size(dir.resolve("frames/run_id=" + run + "/part-00000.parquet"));
            long r0 = System.nanoTime();
            int reads = 10;
            for (int i = 0; i < reads; i++) FrameShardReader.read(archive, run, i).validate();
            double readRate = rows * reads / ((System.nanoTime() - r0) * 1e-9);
            System.out.printf(Locale.ROOT, "BENCH %s: %d rows/shard, write mean %.0f rows/s (best %.0f), %d bytes = %.2f bytes/row,"
                            + " read+validate %.0f rows/s%n", run, rows, rows * (shards / 2) / (total * 1e-9),
                    rows / (best * 1e-9), bytes, (double) bytes / rows, readRate);
        }
    }
}
