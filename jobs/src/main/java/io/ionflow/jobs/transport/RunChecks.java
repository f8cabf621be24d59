package io.ionflow.jobs.transport;

import io.ionflow.jobs.transport.TransportJob.Kind;
import io.ionflow.jobs.transport.TransportJob.Options;
import io.ionflow.jobs.transport.TransportJob.Plan;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.ionflow.jobs.transport.RunDiagnostics.describeBadRow;
import static io.ionflow.jobs.transport.RunDiagnostics.fileHint;
import static io.ionflow.jobs.transport.TransportJob.maxLag;

/**
 * The driver's checks that decide which selected runs of a transport job go on: a run's runs row against the job's
 * options, before any frame is read, and — after the scan and the direct path — its merged per-frame statistics
 * ({@link FrameChecks}). A run that fails is reported (run, file when known, problem); a VACF run without
 * velocities is skipped.
 */
final class RunChecks {
    private RunChecks() {}

    /**
     * Why a selected run cannot be analysed with these options (too few frames, a max lag shorter than one frame, a
     * fit or plateau window that does not fit the run), or null when it can.
     */
    static String planProblem(RunInfo r, Kind kind, Options o) {
        if (r.nFrames() < 3) {
            return "n_frames = " + r.nFrames() + ": at least 3 frames are needed";
        }
        double dt = r.frameIntervalPs();
        if (o.maxLagPs() != null && Math.floor(o.maxLagPs() / dt + 1e-9) < 1) {
            return String.format(Locale.ROOT, "--max-lag-ps %g is shorter than one frame (%g ps)", o.maxLagPs(), dt);
        }
        if (o.fitStartPs() != null) {
            int l = maxLag(r, o);
            if (kind == Kind.MSD) {
                long s = Math.round(o.fitStartPs() / dt);
                long e = Math.round(o.fitEndPs() / dt);
                if (s < 1 || e > l || e - s < 1) {
                    return String.format(Locale.ROOT, "fit window [%g, %g] ps must hold at least two lags within [%g, %g] ps"
                            + " (frame interval %g ps, max lag %d frames)", o.fitStartPs(), o.fitEndPs(), dt, l * dt, dt, l);
                }
            } else {
                long m0 = (long) Math.ceil(o.fitStartPs() / dt - 1e-9);
                long m1 = (long) Math.floor(o.fitEndPs() / dt + 1e-9);
                if (m1 > l || m1 < m0) {
                    return String.format(Locale.ROOT, "plateau window [%g, %g] ps is empty or beyond the max lag %g ps",
                            o.fitStartPs(), o.fitEndPs(), l * dt);
                }
            }
        }
        return null;
    }

    /**
     * Merges the per-frame statistics of the scan ({@code first}) and of the direct path ({@code direct}) by run, and
     * applies {@link FrameChecks} to each active run: a run to skip goes to {@code skipped}, a failing one to
     * {@code failed} with a message naming its first invalid row or the shards around the problem frame (both leave
     * {@code active}); every other run gets its {@link RunMeta} in {@code metas}.
     */
    static void checkFrames(Passes.FirstPass first, Passes.DirectRuns direct, Dataset<Row> frames, Kind kind,
                            Options o, Map<String, Plan> plans, List<String> order, Map<String, Integer> ridxOf,
                            Map<String, EndFrames> ends, Set<String> active, Map<String, RunMeta> metas,
                            Map<String, String> failed, Map<String, String> skipped, PrintStream out) {
        String tag = kind.method();
        Map<Integer, FrameStats> merged = new HashMap<>();
        List<FrameStats> allStats = new ArrayList<>();
        if (first != null) {
            allStats.addAll(first.stats());
        }
        if (direct != null) {
            allStats.addAll(direct.stats());
        }
        for (FrameStats fs : allStats) {
            merged.computeIfAbsent(fs.ridx, k -> new FrameStats(k, 0,
                    plans.get(order.get(k)).info().nFrames(), plans.get(order.get(k)).info().species().length)).merge(fs);
        }
        for (String id : new ArrayList<>(active)) {
            Plan p = plans.get(id);
            int ridx = ridxOf.get(id);
            FrameStats fs = merged.getOrDefault(ridx, new FrameStats(ridx, 0, p.info().nFrames(),
                    p.info().species().length));
            EndFrames ends0 = ends.get(id);
            FrameChecks c = FrameChecks.of(p.info(), kind, fs, ends0.referenceAtoms(), ends0.drift,
                    EndFrames.atomsPerSpecies(ends0.speciesOfAtom, p.info().species().length));
            if (c.skip != null) {
                active.remove(id);
                skipped.put(id, c.skip);
                out.printf("%s: run %s: skipped: %s%n", tag, id, c.skip);
            } else if (c.problem != null) {
                active.remove(id);
                String message;
                if (c.badAtomFrame >= 0) {
                    String d = describeBadRow(frames, id, c.badAtomFrame, c.badAtom, kind, p.info(), ends.get(id));
                    message = d.isEmpty() ? c.problem : d.startsWith("column ") ? d : "frame " + c.badAtomFrame + ", " + d
                            + (c.badCount > 1 ? " (" + c.badCount + " invalid rows in this frame)" : "");
                } else {
                    message = c.problem + (c.neighbours != null ? fileHint(frames, id, c.neighbours)
                            : fileHint(frames, id, c.problemFrame));
                }
                Passes.fail(out, tag, failed, id, message);
            } else {
                EndFrames e = ends.get(id);
                double fs0 = o.fitStartPs() == null ? Double.NaN : o.fitStartPs();
                double fe0 = o.fitEndPs() == null ? Double.NaN : o.fitEndPs();
                metas.put(id, new RunMeta(ridx, id, p.info().nAtoms(), p.info().nFrames(), c.dtPs, p.maxLag(),
                        p.info().species(), p.info().masses(), e.speciesOfAtom, e.drift.description(), c.reference,
                        p.info().temperatureK(), p.info().vacancyFraction(), fs0, fe0));
            }
        }
    }
}
