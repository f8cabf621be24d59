package io.ionflow.jobs.transport;

import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;

import java.util.Arrays;

/**
 * The values of a column of a Parquet batch without nulls, as a plain array. A dictionary-encoded column is decoded
 * once per run of equal dictionary ids: frame and time_ps hold one value per frame, repeated for every atom of the
 * frame, so a batch of a few frames needs a few dictionary look-ups instead of one per row.
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
