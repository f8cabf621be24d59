package io.ionflow.analyze.transport;

import io.ionflow.simulate.archive.ShardFile;
import io.ionflow.analyze.FftThreads;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The body of one task of a transport job ({@link RunTask}): reads the run's shards itself (parquet-mr), in two
 * steps — the row groups that hold frames 0 and T−1 ({@link EndFrames}: species of every atom, the drift
 * reference), then every row ({@link RunFrames}: checks, per-frame statistics, the drift reference's exact sums,
 * the values of the task's atoms) — applies the frame checks ({@link FrameChecks}) and runs the kernel on its
 * atoms ({@link BlockKernel}). Problems come back as values naming the run and the file, never as exceptions.
 *
 * <p>I/O per task: every row group of the run's shards (frame, time_ps, atom, species and the three value columns),
 * plus x, y, z, vx of the row groups holding frames 0 and T−1 (for the MSD, up to two of these are decoded once and
 * used by both steps).
 */
public final class RunScan {
    private RunScan() {}

    public static TaskOutcome run(RunTask t, Configuration conf) {
        FftThreads.set(1);
        ScanBuffers buffers = ScanBuffers.take();
        Map<String, Map<Integer, ShardFile.Columns>> kept = new HashMap<>();
        try {
            EndFrames ends = endFrames(t, conf, buffers, kept);
            if (ends.problem != null) {
                return TaskOutcome.failed(t, ends.problem);
            }
            if (t.kind() == Method.VACF && ends.noVelocities) {
                return TaskOutcome.skipped(t, "no velocities (vx, vy, vz are null in frame 0)");
            }
            RunFrames frames = read(t, conf, ends, buffers, kept);
            try {
                return checkedKernel(t, ends, frames);
            } finally {
                frames.release();
            }
        } catch (ShardFile.Unreadable e) {
            return TaskOutcome.failed(t, e.getMessage());
        } catch (RuntimeException e) { // a defect of this run's data the checks did not foresee: the others go on
            return TaskOutcome.failed(t, "analysis failed: " + e);
        } finally {
            kept.values().forEach(m -> m.values().forEach(buffers::giveBack));
            buffers.give();
        }
    }

    /** The frame checks, then the kernel on a block that passed them. */
    private static TaskOutcome checkedKernel(RunTask t, EndFrames ends, RunFrames frames) {
        int[] perSpecies = EndFrames.atomsPerSpecies(ends.speciesOfAtom, t.species().length);
        FrameChecks check = FrameChecks.of(t.nAtoms(), t.nFrames(), t.frameIntervalPs(), t.kind(), frames.stats,
                ends.referenceAtoms(), ends.drift, perSpecies);
        if (check.skip != null) {
            return TaskOutcome.skipped(t, check.skip);
        }
        if (check.problem != null) {
            return TaskOutcome.failed(t, frames.describe(check));
        }
        if (frames.dupAtom >= 0) {
            return TaskOutcome.failed(t, String.format("atom %d: frame %d appears more than once (duplicated frame)",
                    frames.dupAtom, frames.dupFrame) + fileNote(frames, frames.dupFrame));
        }
        return BlockKernel.run(t, ends, check, frames);
    }

    private static String fileNote(RunFrames frames, int f) {
        String in = frames.filesOf(f);
        return in.isEmpty() ? "" : " (file " + in + ")";
    }

    /**
     * Every row of every shard, in file order; a row group that {@code kept} holds (decoded by {@link #endFrames}) is
     * skipped in the file and its decoded columns used instead.
     */
    private static RunFrames read(RunTask t, Configuration conf, EndFrames ends, ScanBuffers buffers,
                                  Map<String, Map<Integer, ShardFile.Columns>> kept) throws ShardFile.Unreadable {
        RunFrames frames = new RunFrames(t, ends);
        Map<String, Integer> ids = ShardFile.speciesIds(List.of(t.species()));
        ShardFile.Columns columns = buffers.spare(); // the rows of one row group after the other
        try {
            for (String file : t.files()) {
                Map<Integer, ShardFile.Columns> keptHere = kept.getOrDefault(file, Map.of());
                try (ShardFile shard = ShardFile.open(file, conf, t.kind().cols(), t.kind() == Method.MSD ? 3 : 0,
                        false, buffers.read)) {
                    columns = readShard(shard, file, keptHere, frames, ids, columns);
                }
            }
        } finally {
            buffers.giveBack(columns);
        }
        return frames;
    }

    /** The rows of one shard into {@code frames}; returns the columns last decoded into (for the next shard). */
    private static ShardFile.Columns readShard(ShardFile shard, String file, Map<Integer, ShardFile.Columns> keptHere,
                                               RunFrames frames, Map<String, Integer> ids, ShardFile.Columns columns)
            throws ShardFile.Unreadable {
        for (int g = 0; g < shard.rowGroups(); g++) {
            ShardFile.Columns c = keptHere.get(g);
            if (c == null && shard.rowGroupRows(g) > 0) {
                c = shard.nextRowGroup(ids, false, columns);
                columns = c;
            } else {
                shard.skipRowGroup(); // decoded by endFrames, or empty
            }
            if (c != null) {
                frames.accept(c, file);
            }
        }
        return columns;
    }

    /** Rows of a row group that {@link #endFrames} keeps decoded for {@link #read}, at most (≈ 40 MB). */
    static final int KEEP_ROWS = 1 << 20;
    /** Row groups that {@link #endFrames} keeps decoded for {@link #read}, at most. */
    static final int KEEP_GROUPS = 2;

    /**
     * Frames 0 and T−1 from the row groups that may hold them (the footers' statistics of {@code frame} skip the
     * others); positions (x, y, z) whatever the analysis, as the drift reference is chosen from displacements. For
     * the MSD, whose rows pass reads the same columns, up to {@value #KEEP_GROUPS} of these row groups of at most
     * {@value #KEEP_ROWS} rows are put in {@code kept} (file → row group → columns), so that pass need not decode
     * them again.
     */
    private static EndFrames endFrames(RunTask t, Configuration conf, ScanBuffers buffers,
                                       Map<String, Map<Integer, ShardFile.Columns>> kept) throws ShardFile.Unreadable {
        int last = t.nFrames() - 1;
        Map<String, Integer> ids = ShardFile.speciesIds(List.of(t.species()));
        List<EndFrames.EndRow> rows = new ArrayList<>();
        Map<Integer, TreeSet<String>> filesOf = new HashMap<>();
        String[] xyz = {"x", "y", "z"};
        for (String file : t.files()) {
            try (ShardFile shard = ShardFile.open(file, conf, xyz, t.kind() == Method.MSD ? 3 : 0, true, buffers.read)) {
                for (int g = 0; g < shard.rowGroups(); g++) {
                    if (shard.rowGroupRows(g) == 0 || !shard.mayHoldFrames(g, 0, last)) {
                        shard.skipRowGroup();
                        continue;
                    }
                    ShardFile.Columns c = shard.nextRowGroup(ids, true, buffers.spare());
                    collectEnds(t, c, file, rows, filesOf);
                    if (t.kind() == Method.MSD && c.rows <= KEEP_ROWS
                            && kept.values().stream().mapToInt(Map::size).sum() < KEEP_GROUPS) {
                        kept.computeIfAbsent(file, f -> new HashMap<>()).put(g, c);
                    } else {
                        buffers.giveBack(c);
                    }
                }
            }
        }
        EndFrames e = EndFrames.of(t.runId(), t.species(), t.nAtoms(), t.nFrames(), t.masses(), rows, t.framework(),
                t.drift(), t.kind());
        if (e.problem != null && e.problemFrame >= 0 && filesOf.containsKey(e.problemFrame)) {
            e.problem = e.problem + " (file " + String.join(", ", filesOf.get(e.problemFrame)) + ")";
        }
        return e;
    }

    private static void collectEnds(RunTask t, ShardFile.Columns c, String file, List<EndFrames.EndRow> rows,
                                    Map<Integer, TreeSet<String>> filesOf) {
        int last = t.nFrames() - 1;
        for (int i = 0; i < c.rows; i++) {
            boolean frameNull = c.frameNull != null && c.frameNull[i];
            int f = c.frame[i];
            if (frameNull || (f != 0 && f != last)) {
                continue;
            }
            filesOf.computeIfAbsent(f, k -> new TreeSet<>()).add(file);
            rows.add(new EndFrames.EndRow(f, c.atomNull != null && c.atomNull[i] ? null : c.atom[i],
                    c.speciesName(c.species[i], t.species()), new Float[] {value(c, 0, i), value(c, 1, i), value(c, 2, i)},
                    c.vxNull != null && c.vxNull[i] ? null : c.vx[i]));
        }
    }

    private static Float value(ShardFile.Columns c, int k, int i) {
        return c.valueNull[k] != null && c.valueNull[k][i] ? null : c.values[k][i];
    }
}
