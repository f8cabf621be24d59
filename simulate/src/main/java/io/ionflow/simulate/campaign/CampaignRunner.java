package io.ionflow.simulate.campaign;

import io.ionflow.simulate.archive.Archive;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the runs of a campaign side by side ({@code parallel_runs} at a time, each with
 * {@code threads_per_run} force threads), prints progress (runs done, atom-steps/s, ETA) and
 * returns every run's outcome. A failing run does not stop the others.
 */
public final class CampaignRunner {
    private CampaignRunner() {}

    public static List<RunResult> run(Archive archive, List<RunSpec> runs, int parallelRuns, PrintStream out,
                                      double progressSeconds) {
        return run(archive, runs, parallelRuns, out, progressSeconds, false);
    }

    /** @param restartChanged restart runs whose campaign settings changed since they started (see {@link RunSettings}) */
    public static List<RunResult> run(Archive archive, List<RunSpec> runs, int parallelRuns, PrintStream out,
                                      double progressSeconds, boolean restartChanged) {
        Progress progress = new Progress(runs, out, progressSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelRuns, runs.size())), r -> {
            Thread t = new Thread(r, "ionflow-run");
            t.setDaemon(true);
            return t;
        });
        List<Future<RunResult>> futures = new ArrayList<>();
        for (RunSpec spec : runs) {
            futures.add(pool.submit(() -> {
                try {
                    RunResult r = MdRun.run(archive, spec, progress, restartChanged);
                    if (r.status() == RunResult.Status.SKIPPED) progress.finished(spec.runId(), r);
                    return r;
                } catch (Exception | StackOverflowError e) {
                    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                    RunResult r = new RunResult(spec.runId(), RunResult.Status.FAILED, msg, 0, 0, Double.NaN,
                            Double.NaN, 0);
                    progress.finished(spec.runId(), r);
                    return r;
                }
            }));
        }
        List<RunResult> results = new ArrayList<>();
        try {
            for (Future<RunResult> f : futures) results.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        return results;
    }

    /** Aggregates per-run progress and prints a status line at most every {@code seconds}. */
    static final class Progress implements RunListener {
        private final PrintStream out;
        private final long intervalNanos;
        private final long start = System.nanoTime();
        private final java.util.Map<String, long[]> state = new java.util.concurrent.ConcurrentHashMap<>();
        private final int total;
        private int done;
        private long lastPrint;
        private final java.util.Map<String, Long> plannedSteps = new java.util.HashMap<>();
        private final java.util.Map<String, Integer> atoms = new java.util.concurrent.ConcurrentHashMap<>();

        Progress(List<RunSpec> runs, PrintStream out, double seconds) {
            this.out = out;
            this.intervalNanos = (long) (seconds * 1e9);
            this.total = runs.size();
            for (RunSpec r : runs) {
                plannedSteps.put(r.runId(), r.nptSteps() + r.nvtSteps() + (long) (r.frameCount() - 1) * r.stepsPerFrame());
            }
            lastPrint = start;
        }

        @Override
        public void progress(String runId, String phase, long stepsDone, long stepsTotal, int nAtoms) {
            atoms.put(runId, nAtoms);
            long eq = "production".equals(phase) ? plannedSteps.get(runId) - stepsTotal : 0;
            state.put(runId, new long[] {eq + stepsDone});
            maybePrint(false);
        }

        @Override
        public synchronized void finished(String runId, RunResult result) {
            done++;
            state.put(runId, new long[] {plannedSteps.get(runId)});
            String tag = switch (result.status()) {
                case DONE -> String.format(Locale.ROOT, "done in %.0f s", result.seconds());
                case SKIPPED -> "skipped";
                case FAILED -> "FAILED";
            };
            out.printf(Locale.ROOT, "[%d/%d] %s %s: %s%n", done, total, runId, tag, result.message());
            out.flush();
        }

        private synchronized void maybePrint(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastPrint < intervalNanos) return;
            lastPrint = now;
            long allSteps = 0, doneSteps = 0;
            double atomSteps = 0;
            for (var e : plannedSteps.entrySet()) {
                allSteps += e.getValue();
                long[] s = state.get(e.getKey());
                long d = s == null ? 0 : s[0];
                doneSteps += d;
                atomSteps += (double) d * atoms.getOrDefault(e.getKey(), 0);
            }
            double secs = (now - start) * 1e-9;
            double frac = allSteps == 0 ? 1 : (double) doneSteps / allSteps;
            double eta = frac > 0 ? secs * (1 - frac) / frac : Double.NaN;
            out.printf(Locale.ROOT, "  runs done %d/%d | steps %.1f%% | %.3g atom-steps/s | elapsed %s | ETA %s%n",
                    done, total, 100 * frac, atomSteps / Math.max(secs, 1e-9), fmt(secs), fmt(eta));
            out.flush();
        }

        void close() {}

        static String fmt(double s) {
            if (Double.isNaN(s) || Double.isInfinite(s)) return "?";
            long t = Math.round(s);
            return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
    }
}
