package io.ionflow.jobs.msd;

import io.ionflow.analyze.transport.Method;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.msd.MsdJob.Options;
import io.ionflow.simulate.archive.RunInfo;

import java.util.Locale;

/**
 * The driver's checks before any frame is read: the job's options, and each selected run's runs row against them
 * (enough frames, a max lag of at least one frame, a fit or plateau window inside the run).
 */
final class RunChecks {
    private RunChecks() {}

    /**
     * Why a selected run cannot be analysed with these options (too few frames, a max lag shorter than one frame, a
     * fit or plateau window that does not fit the run), or null when it can.
     */
    static String planProblem(RunInfo r, Method kind, Options o) {
        if (r.nFrames() < 3) {
            return "n_frames = " + r.nFrames() + ": at least 3 frames are needed";
        }
        double dt = r.frameIntervalPs();
        if (o.maxLagPs() != null && Math.floor(o.maxLagPs() / dt + 1e-9) < 1) {
            return String.format(Locale.ROOT, "--max-lag-ps %g is shorter than one frame (%g ps)", o.maxLagPs(), dt);
        }
        if (o.fitStartPs() != null) {
            int l = maxLag(r, o);
            if (kind == Method.MSD) {
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

    static void checkOptions(Options o) {
        if ((o.fitStartPs() == null) != (o.fitEndPs() == null)) {
            throw new UserError("--fit-start-ps and --fit-end-ps must be given together");
        }
        if (o.fitStartPs() != null && !(o.fitStartPs() >= 0 && o.fitEndPs() > o.fitStartPs())) {
            throw new UserError("fit window [" + o.fitStartPs() + ", " + o.fitEndPs() + "] ps: need 0 <= start < end");
        }
        if (o.maxLagPs() != null && !(o.maxLagPs() > 0)) {
            throw new UserError("--max-lag-ps must be positive, got " + o.maxLagPs());
        }
        if (o.partitions() != null && o.partitions() < 1) {
            throw new UserError("--partitions must be >= 1, got " + o.partitions());
        }
    }

    /** The largest lag, frames: --max-lag-ps, or half of the run. */
    static int maxLag(RunInfo r, Options o) {
        int t = r.nFrames();
        if (o.maxLagPs() == null) {
            return Math.max(1, (t - 1) / 2);
        }
        long l = (long) Math.floor(o.maxLagPs() / r.frameIntervalPs() + 1e-9);
        return (int) Math.max(1, Math.min(t - 1, l));
    }

}
