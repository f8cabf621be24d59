package io.ionflow.simulate.campaign;

import java.util.Locale;

/**
 * Everything that defines one MD run of a campaign (serialisable, so a Spark task can carry it). Times are ps unless the name says fs; lengths Å;
 * temperatures K; pressure GPa.
 */
public record RunSpec(
        String runId,
        String system,
        String cation,
        String anion,
        String potentialStyle,
        String potentialFile,
        double latticeA,
        int[] supercell,
        double temperatureK,
        double vacancyFraction,
        boolean chargeNeutralVacancies,
        int replica,
        long seed,
        double timestepFs,
        double nptPs,
        double nvtPs,
        double productionPs,
        double frameIntervalPs,
        int framesPerShard,
        double thermostatTauPs,
        double barostatTauPs,
        double pressureGPa,
        double compressibilityPerGPa,
        double skinA,
        int threads) implements java.io.Serializable {

    /** A copy with another thread count. */
    public RunSpec withThreads(int t) {
        return new RunSpec(runId, system, cation, anion, potentialStyle, potentialFile, latticeA, supercell, temperatureK,
                vacancyFraction, chargeNeutralVacancies, replica, seed, timestepFs, nptPs, nvtPs, productionPs,
                frameIntervalPs, framesPerShard, thermostatTauPs, barostatTauPs, pressureGPa, compressibilityPerGPa,
                skinA, t);
    }

    public double timestepPs() { return timestepFs * 1e-3; }

    /** MD steps between stored frames (the frame interval must be a whole number of steps). */
    public int stepsPerFrame() {
        double k = frameIntervalPs / timestepPs();
        long r = Math.round(k);
        if (r < 1 || Math.abs(k - r) > 1e-6 * k) {
            throw new IllegalArgumentException("run " + runId + ": frame_interval_ps " + frameIntervalPs
                    + " is not a whole number of time steps of " + timestepFs + " fs");
        }
        return (int) r;
    }

    /** Frames stored in production: at t = 0, Δt, …, (n−1)Δt with n = round(production / Δt). */
    public int frameCount() { return (int) Math.max(1, Math.round(productionPs / frameIntervalPs)); }

    public long nptSteps() { return Math.round(nptPs / timestepPs()); }

    public long nvtSteps() { return Math.round(nvtPs / timestepPs()); }

    public int shardCount() { return (frameCount() + framesPerShard - 1) / framesPerShard; }

    /** Run ids: system, temperature, vacancy fraction and replica, e.g. {@code Ag2Te_T500_vac0.100_r0}. */
    public static String makeRunId(String system, double temperatureK, double vacancyFraction, int replica) {
        String t = temperatureK == Math.rint(temperatureK)
                ? String.valueOf((long) temperatureK) : String.format(Locale.ROOT, "%.1f", temperatureK);
        return String.format(Locale.ROOT, "%s_T%s_vac%.3f_r%d", system, t, vacancyFraction, replica);
    }
}
