package io.ionflow.jobs.transport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.vectorized.Dictionary;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct pass's fast paths against its plain row loop, on hand-built column batches cut at random places:
 * the bulk placement of clean segments ({@link DirectBulk}), the run-by-run dictionary decoding ({@link BatchColumns},
 * species ids) and the reuse of released arrays ({@link DirectArrays#release}, values left uncleared) must give
 * exactly the statistics, arrays (of the rows seen), duplicate report and irregular flag of the row loop — for clean
 * shards and for every kind of bad row.
 */
class DirectFillTest {
    private static final int ATOMS = 7;
    private static final int FRAMES = 12;
    private static final String[] SPECIES = {"Ag", "Te"};
    private static final int[] SPECIES_OF_ATOM = {0, 0, 1, 0, 0, 1, 0};
    private static final boolean[] FRAMEWORK_TE = {false, true};
    private static final int[] COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7};

    /** One row of a frames shard. */
    record R(int frame, double time, int atom, String species, float x, float y, float z) {}

    private static List<R> cleanRows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<R> rows = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            for (int a = 0; a < ATOMS; a++) {
                rows.add(new R(f, 0.01 * f, a, SPECIES[SPECIES_OF_ATOM[a]], (float) rnd.nextDouble(-20, 20),
                        (float) rnd.nextDouble(-20, 20), (float) rnd.nextDouble(-20, 20)));
            }
        }
        return rows;
    }

    /** The shards' defects the row loop knows, each applied to a clean run. */
    private static Map<String, Consumer<List<R>>> cases() {
        Map<String, Consumer<List<R>>> m = new LinkedHashMap<>();
        m.put("clean", rows -> {});
        m.put("duplicate row", rows -> rows.add(40, with(rows.get(17), 1f)));
        m.put("duplicate row before its first", rows -> rows.add(3, with(rows.get(30), 2f)));
        m.put("missing row", rows -> rows.remove(23));
        m.put("atoms swapped in a frame", rows -> {
            R r = rows.remove(15);
            rows.add(17, r);
        });
        m.put("frames out of order", rows -> {
            List<R> f5 = new ArrayList<>(rows.subList(5 * ATOMS, 6 * ATOMS));
            rows.subList(5 * ATOMS, 6 * ATOMS).clear();
            rows.addAll(0, f5);
        });
        m.put("NaN x", rows -> rows.set(26, new R(3, 0.03, 5, "Te", Float.NaN, 1f, 1f)));
        m.put("infinite z", rows -> rows.set(50, new R(7, 0.07, 1, "Ag", 1f, 1f, Float.NEGATIVE_INFINITY)));
        m.put("wrong species", rows -> rows.set(33, new R(4, 0.04, 5, "Ag", 1f, 2f, 3f)));
        m.put("unknown species", rows -> rows.set(12, new R(1, 0.01, 5, "Xx", 1f, 2f, 3f)));
        m.put("atom out of range", rows -> rows.set(20, new R(2, 0.02, ATOMS, "Ag", 1f, 2f, 3f)));
        m.put("negative atom", rows -> rows.set(21, new R(3, 0.03, -1, "Ag", 1f, 2f, 3f)));
        m.put("frame out of range", rows -> rows.add(new R(FRAMES, 0.01 * FRAMES, 0, "Ag", 1f, 2f, 3f)));
        m.put("negative frame", rows -> rows.add(9, new R(-2, -0.02, 2, "Te", 1f, 2f, 3f)));
        m.put("time NaN", rows -> rows.set(44, new R(6, Double.NaN, 2, "Te", 1f, 2f, 3f)));
        m.put("time differs in a frame", rows -> rows.set(45, new R(6, 0.5, 3, "Ag", 1f, 2f, 3f)));
        m.put("signed zero times", rows -> rows.set(6, new R(0, -0.0, 6, "Ag", 1f, 2f, 3f)));
        return m;
    }

    private static R with(R r, float dx) {
        return new R(r.frame, r.time, r.atom, r.species, r.x + dx, r.y, r.z);
    }

    @Test
    void bulkPathGivesTheRowLoopsResult() {
        SplittableRandom cut = new SplittableRandom(3);
        int checked = 0;
        for (Map.Entry<String, Consumer<List<R>>> c : cases().entrySet()) {
            for (long seed = 1; seed <= 6; seed++) {
                List<R> rows = cleanRows(seed);
                c.getValue().accept(rows);
                boolean dictFrames = seed % 2 == 0;
                List<ColumnarBatch> batches = batches(rows, cut, dictFrames);
                for (boolean known : new boolean[] {true, false}) {
                    PassRun run = new PassRun(0, ATOMS, FRAMES, known ? SPECIES_OF_ATOM : null, SPECIES,
                            known ? FRAMEWORK_TE : null);
                    String what = c.getKey() + " (seed " + seed + ", species " + (known ? "known" : "recorded") + ")";
                    Object[] plain = fill(false, batches.iterator(), COLUMNS, run);
                    Object[] bulk = fill(true, batches.iterator(), COLUMNS, run);
                    assertSame(what + ": bulk vs row loop over batches", plain, bulk);
                    if (known) { // the row front end (Spark's non-vectorized reader) must agree too
                        assertSame(what + ": bulk vs rows", fill(true, internalRows(rows).iterator(), null, run), bulk);
                    }
                    checked++;
                }
            }
        }
        assertEquals(cases().size() * 6 * 2, checked);
    }

    @Test
    void cleanRunIsPlacedInBulkAndComplete() {
        List<R> rows = cleanRows(11);
        PassRun run = new PassRun(0, ATOMS, FRAMES, SPECIES_OF_ATOM, SPECIES, FRAMEWORK_TE);
        Object[] out = fill(true, batches(rows, new SplittableRandom(5), true).iterator(), COLUMNS, run);
        FrameStats fs = (FrameStats) out[0];
        Snapshot d = (Snapshot) out[1];
        assertFalse((Boolean) out[2]);
        for (R r : rows) {
            int i = r.frame * ATOMS + r.atom;
            assertTrue(d.seen[i]);
            assertEquals(r.x, d.a[i]);
            assertEquals(r.y, d.b[i]);
            assertEquals(r.z, d.c[i]);
        }
        for (int f = 0; f < FRAMES; f++) {
            assertEquals(ATOMS, fs.rows[f]);
            assertEquals(0, fs.bad[f]);
            assertEquals(2, fs.nfw[f]); // atoms 2 and 5 are Te, the framework
            assertEquals(0.01 * f, fs.tmin[f]);
            assertEquals(0.01 * f, fs.tmax[f]);
        }
        assertEquals(-1, d.dupAtom);
    }

    @Test
    void releasedArraysComeBackCleared() {
        for (int round = 0; round < 3; round++) {
            DirectArrays d = new DirectArrays(ATOMS, FRAMES, true);
            for (int k = 0; k < ATOMS * FRAMES; k++) {
                assertFalse(d.seen(k), "round " + round + ": index " + k + " seen");
                assertEquals(-1, d.species[k]);
            }
            assertEquals(-1, d.dupAtom);
            d.put(3, 4, 1, 5f, 6f, 7f);
            d.put(3, 4, 0, 8f, 9f, 10f); // a duplicate
            assertTrue(d.putRange(0, 7, new float[] {1, 2, 3, 4, 5, 6, 7}, new float[7], new float[7],
                    new int[] {0, 0, 1, 0, 0, 1, 0}, 0, ATOMS));
            assertFalse(d.putRange(2, 4, new float[3], new float[3], new float[3], new int[3], 0, 3), "atom 3 frame 4 was seen");
            assertEquals(3, d.dupAtom);
            d.release();
        }
        DirectArrays smaller = new DirectArrays(ATOMS, FRAMES - 2, false); // reuses a set at most a quarter larger
        for (int k = 0; k < ATOMS * (FRAMES - 2); k++) {
            assertFalse(smaller.seen(k));
        }
        assertEquals(null, smaller.species);
    }

    @Test
    void dictionaryColumnsDecodeToTheirValues() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int trial = 0; trial < 50; trial++) {
            int rows = 1 + rnd.nextInt(200);
            int[] dict = rnd.ints(8, -50, 50).toArray();
            double[] ddict = rnd.doubles(8).toArray();
            int[] id = new int[rows];
            for (int i = 0; i < rows; i++) { // runs of equal ids and single ids, in any order
                id[i] = i > 0 && rnd.nextInt(3) > 0 ? id[i - 1] : rnd.nextInt(8);
            }
            OnHeapColumnVector iv = new OnHeapColumnVector(rows, DataTypes.IntegerType);
            OnHeapColumnVector dv = new OnHeapColumnVector(rows, DataTypes.DoubleType);
            iv.setDictionary(new Dict(dict, ddict, null));
            dv.setDictionary(new Dict(dict, ddict, null));
            WritableColumnVector iids = iv.reserveDictionaryIds(rows);
            WritableColumnVector dids = dv.reserveDictionaryIds(rows);
            int[] wantI = new int[rows];
            double[] wantD = new double[rows];
            for (int i = 0; i < rows; i++) {
                iids.putInt(i, id[i]);
                dids.putInt(i, id[i]);
                wantI[i] = dict[id[i]];
                wantD[i] = ddict[id[i]];
            }
            assertArrayEquals(wantI, BatchColumns.ints(iv, rows));
            assertArrayEquals(wantD, BatchColumns.doubles(dv, rows));
            OnHeapColumnVector plain = new OnHeapColumnVector(rows, DataTypes.IntegerType);
            for (int i = 0; i < rows; i++) {
                plain.putInt(i, wantI[i]);
            }
            assertArrayEquals(wantI, BatchColumns.ints(plain, rows));
        }
    }

    private static Object[] fill(boolean bulk, Iterator<?> input, int[] columns, PassRun run) {
        FramePass p = new FramePass(false, null, null);
        p.bulkDirect = bulk;
        Object[] out = p.fillDirect(input, columns, "run-1", run);
        if (out[1] != null) { // give the arrays back, so that the next fill reuses (and must clear) them
            Object[] copy = out.clone();
            copy[1] = snapshot((DirectArrays) out[1]);
            ((DirectArrays) out[1]).release();
            return copy;
        }
        return out;
    }

    /** The arrays as plain values (a released set is reused by the next fill). */
    private record Snapshot(boolean[] seen, float[] a, float[] b, float[] c, byte[] species, int dupAtom, int dupFrame) {}

    private static Snapshot snapshot(DirectArrays d) {
        int n = ATOMS * FRAMES;
        boolean[] seen = new boolean[n];
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        byte[] sp = d.species == null ? null : new byte[n];
        for (int i = 0; i < n; i++) {
            seen[i] = d.seen(i);
            if (seen[i]) {
                a[i] = d.a[i];
                b[i] = d.b[i];
                c[i] = d.c[i];
                if (sp != null) {
                    sp[i] = d.species[i];
                }
            }
        }
        return new Snapshot(seen, a, b, c, sp, d.dupAtom, d.dupFrame);
    }

    private static void assertSame(String what, Object[] want, Object[] got) {
        assertEquals(want[2], got[2], what + ": irregular");
        if (!(Boolean) want[2]) { // an irregular run's statistics and arrays are thrown away (the driver's path takes it)
            FrameStats w = (FrameStats) want[0];
            FrameStats g = (FrameStats) got[0];
            assertArrayEquals(w.rows, g.rows, what + ": rows");
            assertArrayEquals(w.bad, g.bad, what + ": bad");
            assertArrayEquals(w.badAtom, g.badAtom, what + ": badAtom");
            assertArrayEquals(bits(w.tmin), bits(g.tmin), what + ": tmin");
            assertArrayEquals(bits(w.tmax), bits(g.tmax), what + ": tmax");
            assertArrayEquals(w.vnull, g.vnull, what + ": vnull");
            assertArrayEquals(w.nfw, g.nfw, what + ": nfw");
            for (int k = 0; k < 6; k++) {
                assertArrayEquals(w.sums[k], g.sums[k], what + ": sums " + k);
            }
            assertEquals(w.outOfRange, g.outOfRange, what + ": out of range");
            assertEquals(w.exampleFrame, g.exampleFrame, what + ": example frame");
            Snapshot sw = (Snapshot) want[1];
            Snapshot sg = (Snapshot) got[1];
            assertArrayEquals(sw.seen, sg.seen, what + ": seen");
            assertArrayEquals(sw.a, sg.a, what + ": x");
            assertArrayEquals(sw.b, sg.b, what + ": y");
            assertArrayEquals(sw.c, sg.c, what + ": z");
            assertArrayEquals(sw.species, sg.species, what + ": species");
            assertEquals(sw.dupAtom, sg.dupAtom, what + ": duplicate atom");
            assertEquals(sw.dupFrame, sg.dupFrame, what + ": duplicate frame");
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** The rows cut into batches of 1–20 rows; species (and time, and frame when asked) dictionary-encoded. */
    private static List<ColumnarBatch> batches(List<R> rows, SplittableRandom cut, boolean dictFrames) {
        List<ColumnarBatch> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); ) {
            int n = Math.min(rows.size() - i, 1 + cut.nextInt(20));
            out.add(batch(rows.subList(i, i + n), dictFrames));
            i += n;
        }
        return out;
    }

    private static ColumnarBatch batch(List<R> rows, boolean dictFrames) {
        int n = rows.size();
        OnHeapColumnVector run = new OnHeapColumnVector(n, DataTypes.StringType);
        OnHeapColumnVector frame = new OnHeapColumnVector(n, DataTypes.IntegerType);
        OnHeapColumnVector time = new OnHeapColumnVector(n, DataTypes.DoubleType);
        OnHeapColumnVector atom = new OnHeapColumnVector(n, DataTypes.IntegerType);
        OnHeapColumnVector species = new OnHeapColumnVector(n, DataTypes.StringType);
        OnHeapColumnVector x = new OnHeapColumnVector(n, DataTypes.FloatType);
        OnHeapColumnVector y = new OnHeapColumnVector(n, DataTypes.FloatType);
        OnHeapColumnVector z = new OnHeapColumnVector(n, DataTypes.FloatType);
        // dictionaries as a Parquet writer builds them: ids in order of first appearance in the batch
        List<Integer> frames = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<String> names = new ArrayList<>();
        WritableColumnVector frameIds = dictFrames ? frame.reserveDictionaryIds(n) : null;
        WritableColumnVector timeIds = time.reserveDictionaryIds(n);
        WritableColumnVector speciesIds = species.reserveDictionaryIds(n);
        for (int i = 0; i < n; i++) {
            R r = rows.get(i);
            run.putByteArray(i, "run-1".getBytes(StandardCharsets.UTF_8));
            if (dictFrames) {
                frameIds.putInt(i, indexOf(frames, r.frame));
            } else {
                frame.putInt(i, r.frame);
            }
            timeIds.putInt(i, indexOfTime(times, r.time));
            atom.putInt(i, r.atom);
            speciesIds.putInt(i, indexOf(names, r.species));
            x.putFloat(i, r.x);
            y.putFloat(i, r.y);
            z.putFloat(i, r.z);
        }
        if (dictFrames) {
            frame.setDictionary(new Dict(frames.stream().mapToInt(Integer::intValue).toArray(), null, null));
        }
        time.setDictionary(new Dict(null, times.stream().mapToDouble(Double::doubleValue).toArray(), null));
        species.setDictionary(new Dict(null, null, names.toArray(new String[0])));
        return new ColumnarBatch(new ColumnVector[] {run, frame, time, atom, species, x, y, z}, n);
    }

    private static <T> int indexOf(List<T> dict, T v) {
        int k = dict.indexOf(v);
        if (k < 0) {
            dict.add(v);
            k = dict.size() - 1;
        }
        return k;
    }

    /** Dictionary index by bits, so that 0.0 and −0.0 (and NaN) are distinct entries as in Parquet. */
    private static int indexOfTime(List<Double> dict, double v) {
        for (int k = 0; k < dict.size(); k++) {
            if (Double.doubleToRawLongBits(dict.get(k)) == Double.doubleToRawLongBits(v)) {
                return k;
            }
        }
        dict.add(v);
        return dict.size() - 1;
    }

    private static List<InternalRow> internalRows(List<R> rows) {
        List<InternalRow> out = new ArrayList<>();
        for (R r : rows) {
            out.add(new GenericInternalRow(new Object[] {UTF8String.fromString("run-1"), r.frame, r.time, r.atom,
                    UTF8String.fromString(r.species), r.x, r.y, r.z}));
        }
        return out;
    }

    /** A column's dictionary: ints, doubles or strings by id. */
    private record Dict(int[] ints, double[] doubles, String[] strings) implements Dictionary {
        @Override
        public int decodeToInt(int id) {
            return ints[id];
        }

        @Override
        public long decodeToLong(int id) {
            return ints[id];
        }

        @Override
        public float decodeToFloat(int id) {
            return (float) doubles[id];
        }

        @Override
        public double decodeToDouble(int id) {
            return doubles[id];
        }

        @Override
        public byte[] decodeToBinary(int id) {
            return strings[id].getBytes(StandardCharsets.UTF_8);
        }
    }
}
