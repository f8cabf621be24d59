/**
 * One run's MSD or VACF from its frame shards, without Spark: the unit of work of the {@code msd} and {@code vacf}
 * jobs. A {@link io.ionflow.analyze.transport.RunTask} (a block of a run's atoms) is read, checked and analysed by
 * {@link io.ionflow.analyze.transport.RunScan} — the shards through simulate's
 * {@link io.ionflow.simulate.archive.ShardFile}, frames 0 and T−1 first ({@code EndFrames}: species, drift reference),
 * then every row ({@code RunFrames}, {@code FrameChecks}), then the kernels of this module on its atoms
 * ({@code BlockKernel}) — and comes back as a {@link io.ionflow.analyze.transport.TaskOutcome}: mergeable sums per
 * accumulation block, or the problem naming the run and the file. {@link io.ionflow.analyze.transport.RunMerger}
 * adds a run's outcomes in block order (bit-identical results for any split) and finishes them
 * ({@code TransportEstimate}, {@code Vdos}) into a {@link io.ionflow.analyze.transport.RunResult}. The Spark job
 * ({@code jobs/msd/MsdJob}) only plans the tasks, parallelises them, groups the outcomes by run and writes the tables.
 */
package io.ionflow.analyze.transport;
