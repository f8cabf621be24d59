package io.ionflow.jobs.transport;

import io.ionflow.analyze.FftThreads;
import io.ionflow.analyze.MsdResult;
import io.ionflow.analyze.MsdSums;
import io.ionflow.analyze.VacfResult;
import io.ionflow.analyze.VacfSums;
import io.ionflow.analyze.TransportEstimate;
import io.ionflow.analyze.Vdos;
import io.ionflow.analyze.VdosResult;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Second stage of a transport job: combines the partial sums of each (run, species) and turns
 * them into results. Input rows are {@link Schemas#PARTIAL} sorted by (run, species, partition),
 * so one run's rows are consecutive, its error rows (species −1) come first, and partials are
 * merged in partition order (the result does not depend on the order tasks finished in). Per run it
 * checks that every atom was seen exactly once, then computes per species the MSD and its GLS
 * diffusion fit, or the VACF, its Green–Kubo plateau and the VDOS (total and partial), and emits
 * {@link Schemas#RESULT} rows — or one "failed" row naming the problem. Holds one run at a time.
 */
final class RunMerger implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final TransportJob.Kind kind;
    private final Broadcast<Map<Integer, RunMeta>> metas;

    RunMerger(TransportJob.Kind kind, Broadcast<Map<Integer, RunMeta>> metas) {
        this.kind = kind;
        this.metas = metas;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        FftThreads.set(1);
        return merge(input, metas.value());
    }

    /** Merges partial-sum rows sorted by (run, species, partition) into result rows (also used in a direct-path task). */
    Iterator<Row> merge(Iterator<Row> input, Map<Integer, RunMeta> runs) {
        return new Iterator<>() {
            private final ArrayDeque<Row> out = new ArrayDeque<>();
            private Row pending;

            @Override
            public boolean hasNext() {
                while (out.isEmpty() && (pending != null || input.hasNext())) {
                    Row first = pending != null ? pending : input.next();
                    pending = null;
                    List<Row> group = new ArrayList<>();
                    group.add(first);
                    int ridx = first.getInt(0);
                    RunMeta run = runs.get(ridx);
                    Object[] sums = new Object[run.species.length];
                    String error = null;
                    Integer errFrame = null;
                    consume(run, first, sums);
                    if (first.getInt(1) < 0) {
                        error = first.getString(6);
                        errFrame = first.isNullAt(7) ? null : first.getInt(7);
                    }
                    while (input.hasNext()) {
                        Row r = input.next();
                        if (r.getInt(0) != ridx) {
                            pending = r;
                            break;
                        }
                        if (r.getInt(1) < 0) {
                            if (error == null) {
                                error = r.getString(6);
                                errFrame = r.isNullAt(7) ? null : r.getInt(7);
                            }
                        } else if (error == null) {
                            consume(run, r, sums);
                        }
                    }
                    finish(run, sums, error, errFrame);
                }
                return !out.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.poll();
            }

            private void consume(RunMeta run, Row r, Object[] sums) {
                int s = r.getInt(1);
                if (s < 0) {
                    return;
                }
                double[] a1 = doubles(r, 4);
                double[] a2 = doubles(r, 5);
                if (kind == TransportJob.Kind.MSD) {
                    MsdSums p = MsdSums.fromPacked(run.nFrames, run.dtPs, run.maxLag, r.getInt(3), a1, a2);
                    sums[s] = sums[s] == null ? p : ((MsdSums) sums[s]).merge(p);
                } else {
                    VacfSums p = VacfSums.fromPacked(run.nFrames, run.dtPs, run.maxLag, r.getInt(3), a1, a2);
                    sums[s] = sums[s] == null ? p : ((VacfSums) sums[s]).merge(p);
                }
            }

            private void finish(RunMeta run, Object[] sums, String error, Integer errFrame) {
                if (error == null) {
                    int[] expect = run.atomsPerSpecies();
                    for (int s = 0; s < expect.length && error == null; s++) {
                        int got = sums[s] == null ? 0 : kind == TransportJob.Kind.MSD ? ((MsdSums) sums[s]).atoms()
                                : ((VacfSums) sums[s]).atoms();
                        if (got != expect[s]) {
                            error = String.format("species %s: %d atoms have complete series, frame 0 lists %d (missing or"
                                    + " duplicated atom ids)", run.species[s], got, expect[s]);
                        }
                    }
                }
                if (error != null) {
                    out.add(RowFactory.create(run.ridx, run.runId, null, "failed", error, errFrame, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, null));
                    return;
                }
                try {
                    if (kind == TransportJob.Kind.MSD) {
                        finishMsd(run, sums);
                    } else {
                        finishVacf(run, sums);
                    }
                } catch (RuntimeException e) {
                    out.clear();
                    out.add(RowFactory.create(run.ridx, run.runId, null, "failed", "analysis failed: " + e, null, null, null,
                            null, null, null, null, null, null, null, null, null, null, null, null));
                }
            }

            private void finishMsd(RunMeta run, Object[] sums) {
                for (int s = 0; s < run.species.length; s++) {
                    if (sums[s] == null) {
                        out.add(speciesRow(run, s, 0, null, null, null, null, null, null, null, Double.NaN, Double.NaN,
                                Double.NaN, Double.NaN, "no atoms of this species", null));
                        continue;
                    }
                    MsdResult m = ((MsdSums) sums[s]).result();
                    TransportEstimate e = TransportEstimate.fromMsd(m, run.fitStartPs, run.fitEndPs);
                    out.add(speciesRow(run, s, m.particles(), m.timesPs(), m.total(), m.x(), m.y(), m.z(), null, null,
                            e.dCm2PerS(), e.errCm2PerS(), e.startPs(), e.endPs(), e.note() + "; drift reference: " + run.drift,
                            e.diffusive()));
                }
            }

            private void finishVacf(RunMeta run, Object[] sums) {
                VacfResult[] res = new VacfResult[run.species.length];
                for (int s = 0; s < res.length; s++) {
                    if (sums[s] != null) {
                        res[s] = ((VacfSums) sums[s]).result();
                    }
                }
                VdosResult vdos = null;
                String vdosNote = null;
                try {
                    vdos = Vdos.ofSpecies(res, run.masses);
                } catch (IllegalArgumentException e) {
                    vdosNote = "no VDOS: " + e.getMessage();
                }
                for (int s = 0; s < res.length; s++) {
                    if (res[s] == null) {
                        out.add(speciesRow(run, s, 0, null, null, null, null, null, null, null, Double.NaN, Double.NaN,
                                Double.NaN, Double.NaN, "no atoms of this species", null));
                        continue;
                    }
                    VacfResult v = res[s];
                    TransportEstimate e = TransportEstimate.fromVacf(v, run.fitStartPs, run.fitEndPs);
                    String note = e.note();
                    if (vdosNote != null) {
                        note = note + "; " + vdosNote;
                    }
                    out.add(speciesRow(run, s, v.atoms(), v.timesPs(), v.raw(), v.normalized(), v.runningIntegral(), null,
                            vdos == null ? null : vdos.frequenciesTHz(), vdos == null ? null : vdos.partial(s), e.dCm2PerS(),
                            e.errCm2PerS(), e.startPs(), e.endPs(), note + "; drift reference: " + run.drift, e.diffusive()));
                }
                if (vdos != null) {
                    int n = 0;
                    for (VacfResult v : res) {
                        n += v == null ? 0 : v.atoms();
                    }
                    out.add(RowFactory.create(run.ridx, run.runId, "total", "vdos", null, null, n, null, null, null, null,
                            null, vdos.frequenciesTHz(), vdos.total(), null, null, null, null, null, null));
                }
            }

            private Row speciesRow(RunMeta run, int s, int n, double[] lag, double[] y0, double[] y1, double[] y2,
                                   double[] y3, double[] freq, double[] g, double d, double err, double t0, double t1,
                                   String note, Boolean diffusive) {
                return RowFactory.create(run.ridx, run.runId, run.species[s], "ok", null, null, n, lag, y0, y1, y2, y3,
                        freq, g, d, err, t0, t1, note, diffusive);
            }
        };
    }

    static double[] doubles(Row r, int i) {
        if (r.isNullAt(i)) {
            return null;
        }
        Object o = r.get(i);
        if (o instanceof double[] d) {
            return d;
        }
        scala.collection.Seq<?> seq = o instanceof scala.collection.Seq<?> q ? q : null;
        if (seq == null) {
            List<?> l = r.getList(i);
            double[] out = new double[l.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = (Double) l.get(k);
            }
            return out;
        }
        double[] out = new double[seq.length()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (Double) seq.apply(k);
        }
        return out;
    }
}
