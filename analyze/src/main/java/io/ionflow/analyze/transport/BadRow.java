package io.ionflow.analyze.transport;

import io.ionflow.simulate.archive.ShardFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What is wrong with one invalid row of a frame shard, in one line that names the file. */
final class BadRow {
    private BadRow() {}

    /**
     * @return "atom A: &lt;problem&gt; (file F)", or "column c is missing from file F" when a null comes from a column
     *         the file does not have
     */
    static String describe(ShardFile.Columns col, int i, RunTask task, EndFrames ends, String file) {
        String[] cols = task.kind().cols();
        List<String> absent = new ArrayList<>();
        for (String c : cols) {
            if (col.absent.contains(c)) {
                absent.add(c);
            }
        }
        if (!absent.isEmpty()) {
            return (absent.size() == 1 ? "column " + absent.get(0) + " is" : "columns " + String.join(", ", absent)
                    + " are") + " missing from file " + file;
        }
        boolean atomNull = col.atomNull != null && col.atomNull[i];
        return "atom " + (atomNull ? "null" : col.atom[i]) + ": " + problem(col, i, task, ends, atomNull)
                + " (file " + file + ")";
    }

    private static String problem(ShardFile.Columns col, int i, RunTask task, EndFrames ends, boolean atomNull) {
        if (atomNull) {
            return "atom is null";
        }
        int atom = col.atom[i];
        if (atom < 0 || atom >= task.nAtoms()) {
            return "atom id " + atom + " is outside 0.." + (task.nAtoms() - 1);
        }
        String expected = ends.species[ends.speciesOfAtom[atom]];
        String name = col.speciesName(col.species[i], ends.species);
        if (name == null || !name.equals(expected)) {
            String sp = name == null ? "null" : "'" + name + "'";
            return Arrays.asList(ends.species).contains(name)
                    ? "species " + sp + " differs from frame 0 (" + expected + ")"
                    : "species " + sp + " is not among the run's species " + Arrays.toString(ends.species);
        }
        boolean timeNull = col.timeNull != null && col.timeNull[i];
        if (timeNull || !Double.isFinite(col.time[i])) {
            return "time_ps is " + (timeNull ? "null" : Double.toString(col.time[i]));
        }
        StringBuilder b = new StringBuilder();
        String[] cols = task.kind().cols();
        for (int k = 0; k < 3; k++) {
            boolean isNull = col.valueNull[k] != null && col.valueNull[k][i];
            float v = col.values[k][i];
            if (isNull || !Float.isFinite(v)) {
                b.append(b.length() == 0 ? "" : ", ").append(cols[k]).append(" is ").append(isNull ? "null" : v);
            }
        }
        return b.length() == 0 ? "invalid row" : b.toString();
    }
}
