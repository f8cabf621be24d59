package io.ionflow.jobs.transport;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The first pass over the frames (one scan), run in each task over Spark's internal rows
 * {@code (run_id, frame, time_ps, atom, species, c0, c1, c2)} in file order — (frame, atom) within a
 * shard. It does two things at once:
 * <ol>
 *   <li>checks every row (atom id in range, species as in frame 0, finite time and values; null
 *       velocities counted separately) and accumulates per (run, frame) the row count, invalid
 *       rows, time range and the framework's exact coordinate sums ({@link FrameStats});</li>
 *   <li>cuts the valid rows into {@link Piece}s: up to {@code chunk} consecutive frames of one atom,
 *       keyed by (run, atom, first frame) — the transposition from frame-major shards to per-atom
 *       series, done before the shuffle so that it moves ~T/chunk times fewer records.</li>
 * </ol>
 * In direct mode ({@link #fillDirect}, one task per run, see {@link DirectPass}) the same row loop places the valid
 * rows into frame-major arrays of the whole run instead of cutting pieces, and emits nothing.
 * Reads Spark's column vectors directly when the Parquet scan is columnar (the default vectorized
 * reader), else its rows. Emits {@code Tuple2<Long, byte[]>} pieces and {@link FrameStats} records. Memory per task: the open
 * pieces of one run (atoms × chunk × 3 floats, chunk chosen to keep this ≤ 32 MiB) and its per-frame
 * statistics (≈ 90 bytes per frame).
 */
final class FramePass implements FlatMapFunction<Iterator<InternalRow>, Object> {
    private static final long serialVersionUID = 1L;

    private final boolean velocities;
    private final Broadcast<Map<String, PassRun>> runs;
    private final KeyCodec codec;

    /** Direct mode: clean segments of a batch checked and copied at once ({@link DirectBulk}); false in tests only. */
    boolean bulkDirect = true;

    FramePass(boolean velocities, Broadcast<Map<String, PassRun>> runs, KeyCodec codec) {
        this.velocities = velocities;
        this.runs = runs;
        this.codec = codec;
    }

    @Override
    public Iterator<Object> call(Iterator<InternalRow> input) {
        return new Pass(input, runs.value(), false);
    }

    /** The open state of one run within a task. */
    private final class RunState {
        final PassRun run;
        final UTF8String[] speciesUtf8;
        final FrameStats stats;
        int fmin = Integer.MAX_VALUE;
        int fmax = -1;
        final int[] first;
        final int[] count;
        final float[][] buf; // per atom: 3 × chunk floats (planar), allocated on first use
        /** Direct mode: the run's whole series (null in piece mode). */
        final DirectArrays direct;
        /** Species not known in advance and a row that is not clean (null, unknown species, out of range, not finite). */
        boolean irregular;

        RunState(PassRun run, DirectArrays direct) {
            this.direct = direct;
            this.run = run;
            speciesUtf8 = new UTF8String[run.species.length];
            for (int s = 0; s < speciesUtf8.length; s++) {
                speciesUtf8[s] = UTF8String.fromString(run.species[s]);
            }
            stats = new FrameStats(run.ridx, 0, run.nFrames, run.species.length);
            first = direct == null ? new int[run.nAtoms] : null;
            count = direct == null ? new int[run.nAtoms] : null;
            buf = direct == null ? new float[run.nAtoms][] : null;
        }

        /** @return the id of a species name in the run's list, −1 if it is not there */
        int speciesId(UTF8String name) {
            for (int s = 0; s < speciesUtf8.length; s++) {
                if (speciesUtf8[s].equals(name)) {
                    return s;
                }
            }
            return -1;
        }
    }

    /**
     * Direct front end: all rows of ONE run (columnar batches when {@code columns} is not null, else
     * internal rows), checked and accumulated exactly as in piece mode, placed into the run's {@link DirectArrays}.
     *
     * @return the run's complete statistics (frames 0..T−1), arrays (null if no row of the run was seen), whether the
     *         run was found irregular, and the nanoseconds spent in the row loop over batches (the rest is Spark's
     *         reader; 0 when rows come one by one)
     */
    Object[] fillDirect(Iterator<?> input, int[] columns, String runId, PassRun pr) {
        Pass p = new Pass(null, Map.of(runId, pr), true);
        long inLoop = 0;
        while (input.hasNext() && (p.st == null || !p.st.irregular)) {
            Object x = input.next();
            if (columns != null) { // timed per batch (not per row: rows come one by one)
                long t0 = System.nanoTime();
                p.batch((ColumnarBatch) x, columns);
                inLoop += System.nanoTime() - t0;
            } else {
                p.accept((InternalRow) x);
            }
        }
        RunState st = p.st;
        if (st == null) {
            return new Object[] {new FrameStats(pr.ridx, 0, pr.nFrames, pr.species.length), null, false, inLoop};
        }
        return new Object[] {st.stats, st.direct, st.irregular, inLoop};
    }

    /** Columnar front end: reads Spark's column vectors directly (no row conversion). */
    Iterator<Object> callColumnar(Iterator<ColumnarBatch> input, int[] columns) {
        Pass p = new Pass(null, runs.value(), false);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (p.out.isEmpty() && !p.done) {
                    if (!input.hasNext()) {
                        p.close();
                        p.done = true;
                        break;
                    }
                    p.batch(input.next(), columns);
                }
                return !p.out.isEmpty();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return p.out.poll();
            }
        };
    }

    private final class Pass implements Iterator<Object> {
        private final Iterator<InternalRow> in;
        private final Map<String, PassRun> runs;
        final ArrayDeque<Object> out = new ArrayDeque<>();
        private UTF8String lastRun;
        private RunState st;
        boolean done;
        /** Direct mode: one run, placed into its {@link DirectArrays}, nothing emitted. */
        private final boolean direct;
        /** Scratch of {@link BatchColumns#speciesIds}: species id + 1 per dictionary id of the current batch. */
        private final int[] speciesOfId = new int[64];

        Pass(Iterator<InternalRow> in, Map<String, PassRun> runs, boolean direct) {
            this.in = in;
            this.runs = runs;
            this.direct = direct;
        }

        @Override
        public boolean hasNext() {
            while (out.isEmpty() && !done) {
                if (!in.hasNext()) {
                    close();
                    done = true;
                    break;
                }
                accept(in.next());
            }
            return !out.isEmpty();
        }

        /**
         * All rows of one batch (one file, so one run). {@code columns}: the batch's column index of
         * run_id, frame, time_ps, atom, species, c0, c1, c2. Species names are decoded once per
         * dictionary id of the batch.
         */
        void batch(ColumnarBatch batch, int[] columns) {
            int rows = batch.numRows();
            if (rows == 0) {
                return;
            }
            ColumnVector rid = batch.column(columns[0]);
            UTF8String r0 = rid.getUTF8String(0);
            if (lastRun == null || !lastRun.equals(r0)) {
                switchRun(r0);
            }
            if (st == null) {
                return;
            }
            ColumnVector fr = batch.column(columns[1]);
            ColumnVector tm = batch.column(columns[2]);
            ColumnVector at = batch.column(columns[3]);
            ColumnVector sp = batch.column(columns[4]);
            ColumnVector ca = batch.column(columns[5]);
            ColumnVector cb = batch.column(columns[6]);
            ColumnVector cc = batch.column(columns[7]);
            WritableColumnVector ids = sp instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
            if (ids != null && !fr.hasNull() && !tm.hasNull() && !at.hasNull() && !sp.hasNull() && !ca.hasNull()
                    && !cb.hasNull() && !cc.hasNull()) {
                cleanBatch(rows, fr, tm, at, sp, ids, ca, cb, cc);
                return;
            }
            int[] idCache = ids == null ? null : new int[64];
            if (idCache != null) {
                java.util.Arrays.fill(idCache, Integer.MIN_VALUE);
            }
            for (int i = 0; i < rows; i++) {
                int species = -1;
                if (!sp.isNullAt(i)) {
                    if (ids != null) {
                        int id = ids.getInt(i);
                        if (id >= 0 && id < idCache.length) {
                            if (idCache[id] == Integer.MIN_VALUE) {
                                idCache[id] = st.speciesId(sp.getUTF8String(i));
                            }
                            species = idCache[id];
                        } else {
                            species = st.speciesId(sp.getUTF8String(i));
                        }
                    } else {
                        species = st.speciesId(sp.getUTF8String(i));
                    }
                }
                boolean n5 = ca.isNullAt(i);
                boolean n6 = cb.isNullAt(i);
                boolean n7 = cc.isNullAt(i);
                boolean fNull = fr.isNullAt(i);
                accept(fNull, fNull ? 0 : fr.getInt(i), tm.isNullAt(i) ? Double.NaN : tm.getDouble(i),
                        at.isNullAt(i) ? Integer.MIN_VALUE : at.getInt(i), species, n5, n6, n7, n5 ? 0 : ca.getFloat(i),
                        n6 ? 0 : cb.getFloat(i), n7 ? 0 : cc.getFloat(i));
            }
        }

        /**
         * A batch without nulls whose species column is dictionary-encoded (what IonFlow and any
         * Parquet writer with default settings produce): the columns are copied out in bulk and the
         * rows go through {@link #acceptClean}, which gives the same statistics and placement as
         * {@link #accept(boolean, int, double, int, int, boolean, boolean, boolean, float, float, float)}; in direct
         * mode, segments of one frame and consecutive atoms are checked and placed at once ({@link DirectBulk}), with
         * the same result.
         */
        private void cleanBatch(int rows, ColumnVector fr, ColumnVector tm, ColumnVector at, ColumnVector sp,
                                WritableColumnVector ids, ColumnVector ca, ColumnVector cb, ColumnVector cc) {
            int[] f = BatchColumns.ints(fr, rows);
            double[] t = BatchColumns.doubles(tm, rows);
            int[] atom = BatchColumns.ints(at, rows);
            int[] species = BatchColumns.speciesIds(sp, ids, rows, speciesOfId, st::speciesId);
            float[] xa = ca.getFloats(0, rows);
            float[] xb = cb.getFloats(0, rows);
            float[] xc = cc.getFloats(0, rows);
            if (st.direct != null && bulkDirect) {
                for (int i = 0; i < rows; ) {
                    int j = DirectBulk.segmentEnd(f, atom, i, rows);
                    if (DirectBulk.place(st.run, st.stats, st.direct, f, t, atom, species, xa, xb, xc, i, j)) {
                        st.fmin = Math.min(st.fmin, f[i]);
                        st.fmax = Math.max(st.fmax, f[i]);
                    } else {
                        for (int k = i; k < j; k++) {
                            acceptClean(f[k], t[k], atom[k], species[k], xa[k], xb[k], xc[k]);
                        }
                    }
                    i = j;
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                acceptClean(f[i], t[i], atom[i], species[i], xa[i], xb[i], xc[i]);
            }
        }

        /** A row with no null column: a valid row is counted and placed here, anything else takes the general path. */
        private void acceptClean(int f, double t, int atom, int species, float a, float b, float c) {
            PassRun run = st.run;
            int[] soa = run.speciesOfAtom;
            if (f < 0 || f >= run.nFrames || atom < 0 || atom >= run.nAtoms || (soa == null ? species < 0 : species != soa[atom])
                    || !Double.isFinite(t) || !Float.isFinite(a) || !Float.isFinite(b) || !Float.isFinite(c)) {
                accept(false, f, t, atom, species, false, false, false, a, b, c);
                return;
            }
            FrameStats fs = st.stats;
            if (f < st.fmin) {
                st.fmin = f;
            }
            if (f > st.fmax) {
                st.fmax = f;
            }
            fs.rows[f]++;
            if (t < fs.tmin[f]) {
                fs.tmin[f] = t;
            }
            if (t > fs.tmax[f]) {
                fs.tmax[f] = t;
            }
            if (soa == null) {
                st.direct.put(atom, f, species, a, b, c); // species checked and framework summed once frame 0 is known
                return;
            }
            place(atom, f, species, a, b, c);
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.poll();
        }

        void accept(InternalRow r) {
            UTF8String rid = r.getUTF8String(0);
            if (lastRun == null || !lastRun.equals(rid)) {
                switchRun(rid);
            }
            if (st == null) {
                return;
            }
            int species = -1;
            int atom = r.isNullAt(3) ? Integer.MIN_VALUE : r.getInt(3);
            if (!r.isNullAt(4)) {
                species = st.speciesId(r.getUTF8String(4));
            }
            boolean n5 = r.isNullAt(5);
            boolean n6 = r.isNullAt(6);
            boolean n7 = r.isNullAt(7);
            accept(r.isNullAt(1), r.isNullAt(1) ? 0 : r.getInt(1), r.isNullAt(2) ? Double.NaN : r.getDouble(2), atom, species,
                    n5, n6, n7, n5 ? 0 : r.getFloat(5), n6 ? 0 : r.getFloat(6), n7 ? 0 : r.getFloat(7));
        }

        void switchRun(UTF8String rid) {
            if (direct) {
                PassRun pr = runs.get(rid.toString());
                if (st != null || lastRun != null || pr == null) {
                    throw new IllegalStateException("direct pass: rows of run " + rid + " in the task of another run");
                }
                lastRun = rid.clone();
                st = new RunState(pr, new DirectArrays(pr.nAtoms, pr.nFrames, pr.speciesOfAtom == null));
                return;
            }
            close();
            lastRun = rid.clone();
            PassRun pr = runs.get(rid.toString());
            st = pr == null ? null : new RunState(pr, null);
        }

        /**
         * One row: frame (null?), time (NaN if null), atom (MIN_VALUE if null), species id in the run's list
         * (−1: null or unknown), the three values with their null flags.
         */
        void accept(boolean frameNull, int f, double t, int atom, int species, boolean n5, boolean n6, boolean n7,
                    float a, float b, float c) {
            PassRun run = st.run;
            if (run.speciesOfAtom == null) {
                st.irregular = true; // the task cannot check this run without frame 0's species: the driver's path does
                return;
            }
            FrameStats fs = st.stats;
            if (frameNull || f < 0 || f >= run.nFrames) {
                fs.outOfRange++;
                if (fs.exampleFrame == null && !frameNull) {
                    fs.exampleFrame = f;
                }
                return;
            }
            st.fmin = Math.min(st.fmin, f);
            st.fmax = Math.max(st.fmax, f);
            fs.rows[f]++;
            boolean bad = atom < 0 || atom >= run.nAtoms || species != run.speciesOfAtom[atom];
            if (!Double.isFinite(t)) {
                bad = true;
            } else {
                if (t < fs.tmin[f]) {
                    fs.tmin[f] = t;
                }
                if (t > fs.tmax[f]) {
                    fs.tmax[f] = t;
                }
            }
            if (n5 && n6 && n7 && velocities) {
                if (!bad) {
                    fs.vnull[f]++;
                    return;
                }
            } else if (n5 || n6 || n7 || !Float.isFinite(a) || !Float.isFinite(b) || !Float.isFinite(c)) {
                bad = true;
            }
            if (bad) {
                fs.bad[f]++;
                fs.badAtom[f] = Math.min(fs.badAtom[f], atom);
                return;
            }
            place(atom, f, run.speciesOfAtom[atom], a, b, c);
        }

        /** A valid row (already counted): the reference sums, then into the direct arrays or the atom's open piece. */
        private void place(int atom, int f, int species, float a, float b, float c) {
            PassRun run = st.run;
            if (run.inReference != null && run.inReference[species]) {
                FrameStats fs = st.stats;
                fs.nfw[f]++;
                add(fs.sums, 6 * species, f, a);
                add(fs.sums, 6 * species + 2, f, b);
                add(fs.sums, 6 * species + 4, f, c);
            }
            if (st.direct != null) {
                st.direct.put(atom, f, a, b, c);
                return;
            }
            float[] buf = st.buf[atom];
            int chunk = run.chunk;
            if (buf == null) {
                buf = st.buf[atom] = new float[3 * chunk];
            }
            int n = st.count[atom];
            if (n > 0 && (f != st.first[atom] + n || n == chunk)) {
                emit(st, atom);
                n = 0;
            }
            if (n == 0) {
                st.first[atom] = f;
            }
            buf[n] = a;
            buf[chunk + n] = b;
            buf[2 * chunk + n] = c;
            st.count[atom] = n + 1;
        }

        private void add(long[][] sums, int k, int f, float v) {
            FrameStats.addExact(sums[k], sums[k + 1], f, v);
        }

        private void emit(RunState s, int atom) {
            int n = s.count[atom];
            int chunk = s.run.chunk;
            float[] buf = s.buf[atom];
            float[] a = new float[n];
            float[] b = new float[n];
            float[] c = new float[n];
            System.arraycopy(buf, 0, a, 0, n);
            System.arraycopy(buf, chunk, b, 0, n);
            System.arraycopy(buf, 2 * chunk, c, 0, n);
            out.add(new scala.Tuple2<>(codec.key(s.run.ridx, atom, s.first[atom]), Piece.pack(a, b, c, n)));
            s.count[atom] = 0;
        }

        /** Emits the open pieces and the frame statistics of the current run. */
        void close() {
            if (st == null) {
                return;
            }
            for (int atom = 0; atom < st.run.nAtoms; atom++) {
                if (st.count[atom] > 0) {
                    emit(st, atom);
                }
            }
            if (st.fmax >= 0) {
                out.add(st.stats.slice(st.fmin, st.fmax));
            } else if (st.stats.outOfRange > 0) {
                out.add(st.stats.slice(0, -1));
            }
            st = null;
        }
    }
}
