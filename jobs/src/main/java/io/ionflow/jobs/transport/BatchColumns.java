package io.ionflow.jobs.transport;

import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;

import org.apache.spark.unsafe.types.UTF8String;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The values of a column of a Parquet batch without nulls, as a plain array. A dictionary-encoded column is decoded
 * once per run of equal dictionary ids: frame and time_ps hold one value per frame, repeated for every atom of the
 * frame, so a batch of a few frames needs a few dictionary look-ups instead of one per row. Species names are mapped
 * to the run's species ids the same way.
 */
final class BatchColumns {
    private BatchColumns() {}

    /** @return the first {@code rows} values of an int column without nulls */
    static int[] ints(ColumnVector v, int rows) {
        if (!(v instanceof WritableColumnVector w) || !w.hasDictionary()) {
            return v.getInts(0, rows);
        }
        int[] out = w.getDictionaryIds().getInts(0, rows); // ids, overwritten by the values run by run
        for (int i = 0; i < rows; ) {
            int j = runEnd(out, i, rows);
            Arrays.fill(out, i, j, v.getInt(i));
            i = j;
        }
        return out;
    }

    /** @return the first {@code rows} values of a double column without nulls */
    static double[] doubles(ColumnVector v, int rows) {
        if (!(v instanceof WritableColumnVector w) || !w.hasDictionary()) {
            return v.getDoubles(0, rows);
        }
        int[] ids = w.getDictionaryIds().getInts(0, rows);
        double[] out = new double[rows];
        for (int i = 0; i < rows; ) {
            int j = runEnd(ids, i, rows);
            Arrays.fill(out, i, j, v.getDouble(i));
            i = j;
        }
        return out;
    }

    /**
     * Per row the id of its species in the run's list, from a dictionary-encoded species column: the name is looked
     * up once per dictionary id below {@code known.length} (larger ids: once per run of rows), the ids are mapped run
     * by run.
     *
     * @param known  scratch (species id + 1 per dictionary id), overwritten
     * @param lookup species name → id in the run's list (−1: not in it)
     */
    static int[] speciesIds(ColumnVector sp, WritableColumnVector ids, int rows, int[] known,
                            ToIntFunction<UTF8String> lookup) {
        int[] out = ids.getInts(0, rows); // dictionary ids, overwritten by the species ids run by run
        Arrays.fill(known, 0);
        for (int i = 0; i < rows; ) {
            int id = out[i];
            int j = runEnd(out, i, rows);
            int s;
            if (id >= 0 && id < known.length && known[id] != 0) {
                s = known[id] - 1;
            } else {
                s = lookup.applyAsInt(sp.getUTF8String(i));
                if (id >= 0 && id < known.length) {
                    known[id] = s + 1;
                }
            }
            Arrays.fill(out, i, j, s);
            i = j;
        }
        return out;
    }

    /** @return the end (exclusive) of the run of ids equal to {@code ids[i]} */
    private static int runEnd(int[] ids, int i, int rows) {
        int id = ids[i];
        int j = i + 1;
        while (j < rows && ids[j] == id) {
            j++;
        }
        return j;
    }
}
