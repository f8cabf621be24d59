package io.ionflow.jobs.modes;

import io.ionflow.simulate.archive.ReadBuffers;
import io.ionflow.simulate.archive.ShardFile;
import io.ionflow.jobs.modes.SnapshotAnalysis.RunMeta;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The frames the INM analysis of one run needs — each snapshot and the frame a lag later — read by one task from
 * the run's shards ({@link ShardFile}: the row groups whose {@code frame} statistics cannot hold a needed frame are
 * skipped). One row per snapshot: (run_id, frame, atoms), each atom a row (role 0 the snapshot, 1 the lagged frame;
 * atom, species, x, y, z, vx, vy, vz). A shard that cannot be read gives one row (run_id, −1, null, problem).
 */
final class SnapshotFrames {
    private SnapshotFrames() {}

    private static final String[] COLUMNS = {"x", "y", "z", "vx", "vy", "vz"};

    /** What one task reads: a run, its snapshot frames, its shard files. */
    record Task(RunMeta meta, int[] bases, String[] files) implements Serializable {}

    static List<Row> read(Task t, Configuration conf) {
        Map<Integer, List<int[]>> uses = new HashMap<>(); // frame → (base, role)
        for (int b : t.bases()) {
            uses.computeIfAbsent(b, k -> new ArrayList<>()).add(new int[] {b, 0});
            if (t.meta().lagFrames() > 0) {
                uses.computeIfAbsent(b + t.meta().lagFrames(), k -> new ArrayList<>()).add(new int[] {b, 1});
            }
        }
        int[] frames = uses.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, List<Row>> atoms = new TreeMap<>();
        for (int b : t.bases()) {
            atoms.put(b, new ArrayList<>());
        }
        ReadBuffers buffers = new ReadBuffers();
        try {
            for (String file : t.files()) {
                readFile(t, file, conf, frames, uses, atoms, buffers);
            }
        } catch (ShardFile.Unreadable e) {
            return List.of(RowFactory.create(t.meta().runId(), -1, null, e.getMessage()));
        }
        List<Row> out = new ArrayList<>();
        atoms.forEach((base, list) -> out.add(RowFactory.create(t.meta().runId(), base,
                scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq(), null)));
        return out;
    }

    private static void readFile(Task t, String file, Configuration conf, int[] frames, Map<Integer, List<int[]>> uses,
                                 Map<Integer, List<Row>> atoms, ReadBuffers buffers) throws ShardFile.Unreadable {
        String[] species = t.meta().species().toArray(new String[0]);
        Map<String, Integer> ids = ShardFile.speciesIds(t.meta().species());
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
                            atoms.get(use[0]).add(atomRow(c, i, use[1], species));
                        }
                    }
                }
            }
        }
    }

    private static Row atomRow(ShardFile.Columns c, int i, int role, String[] species) {
        Object[] v = new Object[9];
        v[0] = role;
        v[1] = c.atomNull != null && c.atomNull[i] ? null : c.atom[i];
        v[2] = c.speciesName(c.species[i], species);
        for (int k = 0; k < 6; k++) {
            v[3 + k] = c.valueNull[k] != null && c.valueNull[k][i] ? null : c.values[k][i];
        }
        return RowFactory.create(v);
    }
}
