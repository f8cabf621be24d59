package io.ionflow.jobs.simulate;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.campaign.Campaign;
import io.ionflow.simulate.campaign.CampaignRunner;
import io.ionflow.simulate.campaign.RunResult;
import io.ionflow.simulate.campaign.RunSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code simulate} job: the selected runs of a campaign, run in this process ({@link CampaignRunner}, several side
 * by side) or as a Spark job ({@link SimulateOnSpark}, one task per run); runs already complete are skipped.
 */
public final class SimulateJob {
    private SimulateJob() {}

    /**
     * @param runFilter    regular expression on the run ids, or null for all
     * @param threads      force threads per run overriding the campaign's, or null
     * @param parallelRuns runs side by side overriding the campaign's, or null
     */
    public record Request(Path campaign, String archive, boolean resume, String runFilter, Integer threads,
                          Integer parallelRuns, double progressSeconds, boolean onSpark, boolean restartChanged) {}

    /** How the campaign ended: every run done or complete, some runs failed, or a run failed on a full disk. */
    public enum Outcome { OK, FAILED_RUNS, DISK_FULL }

    /** Runs the campaign, printing progress to {@code out} and failed runs to {@code err}. */
    public static Outcome run(Request req, PrintStream out, PrintStream err) throws IOException {
        Campaign c = Campaign.read(req.campaign());
        List<RunSpec> runs = selectRuns(c, req);
        Archive a = Archive.at(req.archive());
        if (req.resume() && !a.fileSystem().exists(a.root())) {
            throw new UserError("--resume: archive " + a.root() + " does not exist");
        }
        int par = req.parallelRuns() != null ? req.parallelRuns() : c.parallelRuns();
        if (par < 1) throw new UserError("--parallel-runs must be >= 1");
        out.printf("simulate: campaign '%s' (%s): %d runs, %d side by side, %d thread(s) each -> %s%n",
                c.name(), req.campaign(), runs.size(), par, runs.get(0).threads(), a.root());
        List<RunResult> results;
        if (req.onSpark()) {
            results = SimulateOnSpark.run(Sessions.get("simulate"), a.root().toString(), runs, req.restartChanged());
            for (RunResult r : results) out.printf("  %s %s: %s%n", r.runId(), r.status(), r.message());
        } else {
            results = CampaignRunner.run(a, runs, par, out, req.progressSeconds(), req.restartChanged());
        }
        long failed = results.stream().filter(r -> r.status() == RunResult.Status.FAILED).count();
        long done = results.stream().filter(r -> r.status() == RunResult.Status.DONE).count();
        long skipped = results.stream().filter(r -> r.status() == RunResult.Status.SKIPPED).count();
        out.printf("simulate: %d done, %d already complete, %d failed; archive %s%n", done, skipped, failed, a.root());
        return failed == 0 ? Outcome.OK : reportFailures(results, err);
    }

    /** The campaign's runs whose id matches the filter, with the thread override. */
    private static List<RunSpec> selectRuns(Campaign c, Request req) {
        List<RunSpec> runs = new ArrayList<>();
        Pattern p = req.runFilter() == null ? null : Pattern.compile(req.runFilter());
        for (RunSpec r : c.runs()) {
            if (p != null && !p.matcher(r.runId()).find()) continue;
            if (req.threads() != null) {
                if (req.threads() < 1) throw new UserError("--threads must be >= 1");
                r = r.withThreads(req.threads());
            }
            runs.add(r);
        }
        if (runs.isEmpty()) throw new UserError("no run of " + req.campaign() + " matches --runs " + req.runFilter());
        return runs;
    }

    /** Names the failed runs; an exhausted disk is an I/O error of the whole command, not a bad run. */
    private static Outcome reportFailures(List<RunResult> results, PrintStream err) {
        RunResult diskFull = null;
        for (RunResult r : results) {
            if (r.status() == RunResult.Status.FAILED) err.println("  FAILED " + r.runId() + ": " + r.message());
            if (r.status() == RunResult.Status.FAILED && r.message().startsWith("no space left on device")) diskFull = r;
        }
        if (diskFull != null) {
            err.println("ionflow simulate: I/O error: " + diskFull.message());
            return Outcome.DISK_FULL;
        }
        return Outcome.FAILED_RUNS;
    }
}
