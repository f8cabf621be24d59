package io.ionflow.analyze.inm;

import io.ionflow.simulate.archive.ReadBuffers;
import io.ionflow.simulate.archive.ShardFile;
import org.apache.hadoop.conf.Configuration;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The frames the INM analysis of one run needs — each snapshot and the frame a lag later — read from the run's shards
 * ({@link ShardFile}; row groups whose {@code frame} statistics cannot hold a needed frame are skipped) into one
 * {@link Snapshot} per snapshot frame, checked against the run's atoms and species. A snapshot whose atoms do not add
 * up comes back with its problem; a shard that cannot be read gives one snapshot at frame −1 with the problem, naming
 * the file.
 */
public final class SnapshotFrames {
    private SnapshotFrames() {}

    private static final String[] COLUMNS = {"x", "y", "z", "vx", "vy", "vz"};

    /**
     * What one task reads.
     *
     * @param species   the run's species, in the order of their ids
     * @param lagFrames frames between a snapshot and its lagged frame (0: none)
     * @param bases     the snapshot frames
     * @param files     the run's shard files, in name order
     */
    public record Task(String runId, List<String> species, int lagFrames, int[] bases, String[] files)
            implements Serializable {}

    /**
     * One snapshot's atoms (by atom id), or why it cannot be analysed.
     *
     * @param types species id of each atom
     * @param x0    positions at the snapshot, 3N Å
     * @param x1    positions a lag later, 3N Å (null without a lag)
     * @param v0    velocities at the snapshot, 3N Å/ps (null when an atom has none)
     */
    public record Snapshot(String runId, int frame, int[] types, double[] x0, double[] x1, double[] v0,
                           String problem) implements Serializable {
        static Snapshot failed(String runId, int frame, String problem) {
            return new Snapshot(runId, frame, null, null, null, null, problem);
        }
    }

    /** One value row of a needed frame: atom, species id (−1 unknown), species name, the six value columns. */
    private record AtomRow(Integer atom, int type, String name, Float[] values) {}

    /** The snapshots of the task, in frame order. */
    public static List<Snapshot> read(Task t, Configuration conf) {
        Map<Integer, List<int[]>> uses = new HashMap<>(); // frame → (base, role)
        for (int b : t.bases()) {
            uses.computeIfAbsent(b, k -> new ArrayList<>()).add(new int[] {b, 0});
            if (t.lagFrames() > 0) {
                uses.computeIfAbsent(b + t.lagFrames(), k -> new ArrayList<>()).add(new int[] {b, 1});
            }
        }
        int[] frames = uses.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, List<List<AtomRow>>> rows = new TreeMap<>(); // base → rows of role 0, role 1
        for (int b : t.bases()) {
            rows.put(b, List.of(new ArrayList<>(), new ArrayList<>()));
        }
        ReadBuffers buffers = new ReadBuffers();
        try {
            for (String file : t.files()) {
                readFile(t, file, conf, frames, uses, rows, buffers);
            }
        } catch (ShardFile.Unreadable e) {
            return List.of(Snapshot.failed(t.runId(), -1, e.getMessage()));
        }
        List<Snapshot> out = new ArrayList<>();
        rows.forEach((base, byRole) -> out.add(snapshot(t, base, byRole.get(0), byRole.get(1))));
        return out;
    }

    private static void readFile(Task t, String file, Configuration conf, int[] frames, Map<Integer, List<int[]>> uses,
                                 Map<Integer, List<List<AtomRow>>> rows, ReadBuffers buffers)
            throws ShardFile.Unreadable {
        String[] species = t.species().toArray(new String[0]);
        Map<String, Integer> ids = ShardFile.speciesIds(t.species());
        try (ShardFile shard = ShardFile.open(file, conf, COLUMNS, 3, false, buffers)) {
            for (int g = 0; g < shard.rowGroups(); g++) {
                if (!shard.mayHoldFrames(g, frames)) {
                    shard.skipRowGroup();
                    continue;
                }
                ShardFile.Columns c = shard.nextRowGroup(ids, false);
                for (int i = 0; i < c.rows; i++) {
                    List<int[]> u = c.frameNull != null && c.frameNull[i] ? null : uses.get(c.frame[i]);
                    if (u != null) {
                        for (int[] use : u) {
                            rows.get(use[0]).get(use[1]).add(atomRow(c, i, species));
                        }
                    }
                }
            }
        }
    }

    private static AtomRow atomRow(ShardFile.Columns c, int i, String[] species) {
        Float[] v = new Float[6];
        for (int k = 0; k < 6; k++) {
            v[k] = c.valueNull[k] != null && c.valueNull[k][i] ? null : c.values[k][i];
        }
        return new AtomRow(c.atomNull != null && c.atomNull[i] ? null : c.atom[i], Math.max(-1, c.species[i]),
                c.speciesName(c.species[i], species), v);
    }

    /** The snapshot's arrays from its rows (the snapshot's atoms define N), or its problem. */
    private static Snapshot snapshot(Task t, int frame, List<AtomRow> now, List<AtomRow> later) {
        int n = now.size();
        if (n == 0) {
            return Snapshot.failed(t.runId(), frame, "run " + t.runId() + ": frame " + frame + " is not in its shards");
        }
        double[] x0 = new double[3 * n];
        double[] x1 = t.lagFrames() > 0 ? new double[3 * n] : null;
        double[] v0 = new double[3 * n];
        int[] types = new int[n];
        boolean[] seen = new boolean[n];
        boolean velocities = true;
        String where = "run " + t.runId() + ", frame " + frame + ": ";
        for (int role = 0; role < 2; role++) {
            for (AtomRow a : role == 0 ? now : later) {
                Integer i = a.atom();
                if (i == null || i < 0 || i >= n) {
                    return Snapshot.failed(t.runId(), frame, where + "atom id " + i + " outside 0.." + (n - 1));
                }
                if (!place(a.values(), 0, role == 0 ? x0 : x1, i)) {
                    return Snapshot.failed(t.runId(), frame, where + "atom " + i + ": a position is null");
                }
                if (role == 0) {
                    seen[i] = true;
                    if (a.type() < 0) {
                        return Snapshot.failed(t.runId(), frame, where + "species '" + a.name()
                                + "' is not in the runs row " + t.species());
                    }
                    types[i] = a.type();
                    velocities &= place(a.values(), 3, v0, i);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) return Snapshot.failed(t.runId(), frame, where + "atom " + i + " missing");
        }
        return new Snapshot(t.runId(), frame, types, x0, x1, velocities ? v0 : null, null);
    }

    /** Copies values[from..from+2] to atom i of dst; false when one is null. */
    private static boolean place(Float[] values, int from, double[] dst, int i) {
        for (int c = 0; c < 3; c++) {
            if (values[from + c] == null) return false;
            dst[3 * i + c] = values[from + c];
        }
        return true;
    }
}
