package io.ionflow.simulate.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;

/**
 * One row of the archive's {@code runs/} table (DESIGN.md, "Trajectory archive"). Arrays are
 * copied in and out, so a RunInfo is immutable; equality compares array contents.
 *
 * @param runId           unique, stable id; see {@link RunIds} for the rules
 * @param system          chemical system, e.g. {@code Ag2Te}
 * @param temperatureK    target temperature, K (positive)
 * @param vacancyFraction fraction of the anion sites left empty, in [0, 1)
 * @param replica         replica index within a condition (≥ 0)
 * @param nAtoms          number of atoms (&gt; 0)
 * @param timestepFs      MD time step, fs (positive), or NaN when unknown (an ingested trajectory that
 *                        records no step; stored as null in the runs table)
 * @param frameIntervalPs time between stored frames, ps (positive)
 * @param nFrames         number of frames stored (≥ 0)
 * @param cell            3×3 cell matrix, row-major, Å; rows are the cell vectors (9 finite values)
 * @param species         species names in the order of their type ids (distinct, non-blank)
 * @param masses          atomic masses, amu, same order as {@code species} (positive)
 * @param potential       potential style and parameters as JSON text (inline, or compact with the parameter file stored
 *                        once in the archive, see {@link PotentialStore}), or null when unknown
 * @param seed            random seed of the run
 * @param source          producer: {@code ionflow-md}, {@code lammps-dump}, {@code extxyz}, …
 */
public record RunInfo(String runId, String system, double temperatureK, double vacancyFraction, int replica,
                      int nAtoms, double timestepFs, double frameIntervalPs, int nFrames, double[] cell,
                      String[] species, double[] masses, String potential, long seed, String source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates every field; throws IllegalArgumentException naming the run and the field. */
    public RunInfo {
        RunIds.requireValid(runId);
        String who = "run " + runId + ": ";
        requireText(system, who + "system");
        requireText(source, who + "source");
        require(temperatureK > 0 && Double.isFinite(temperatureK), who + "temperature_k must be positive, got " + temperatureK);
        require(vacancyFraction >= 0 && vacancyFraction < 1, who + "vacancy_fraction must be in [0, 1), got " + vacancyFraction);
        require(replica >= 0, who + "replica must be ≥ 0, got " + replica);
        require(nAtoms > 0, who + "n_atoms must be positive, got " + nAtoms);
        require(Double.isNaN(timestepFs) || (timestepFs > 0 && Double.isFinite(timestepFs)),
                who + "timestep_fs must be positive (or unknown), got " + timestepFs);
        require(frameIntervalPs > 0 && Double.isFinite(frameIntervalPs),
                who + "frame_interval_ps must be positive, got " + frameIntervalPs);
        require(nFrames >= 0, who + "n_frames must be ≥ 0, got " + nFrames);
        require(cell != null && cell.length == 9, who + "cell must have 9 entries (3×3 row-major), got "
                + (cell == null ? "none" : cell.length));
        for (double c : cell) require(Double.isFinite(c), who + "cell entries must be finite, got " + Arrays.toString(cell));
        require(species != null && species.length > 0, who + "species must not be empty");
        require(masses != null && masses.length == species.length, who + "masses must have one entry per species ("
                + species.length + "), got " + (masses == null ? "none" : masses.length));
        HashSet<String> seen = new HashSet<>();
        for (String s : species) {
            requireText(s, who + "species name");
            require(seen.add(s), who + "species '" + s + "' is listed twice");
        }
        for (double m : masses) require(m > 0 && Double.isFinite(m), who + "masses must be positive, got " + m + " amu");
        if (potential != null) {
            try {
                JSON.readTree(potential);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(who + "potential is not valid JSON: " + e.getOriginalMessage());
            }
        }
        cell = cell.clone();
        species = species.clone();
        masses = masses.clone();
    }

    /** True when the MD time step is known ({@link #timestepFs()} is not NaN). */
    public boolean timestepKnown() {
        return !Double.isNaN(timestepFs);
    }

    /** Copy with another frame count (the count is known only once a run has finished). */
    public RunInfo withNFrames(int frames) {
        return new RunInfo(runId, system, temperatureK, vacancyFraction, replica, nAtoms, timestepFs,
                frameIntervalPs, frames, cell, species, masses, potential, seed, source);
    }

    /** 3×3 cell matrix, row-major, Å (a copy). */
    @Override public double[] cell() { return cell.clone(); }

    /** Species names by type id (a copy). */
    @Override public String[] species() { return species.clone(); }

    /** Masses by type id, amu (a copy). */
    @Override public double[] masses() { return masses.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunInfo r && runId.equals(r.runId) && system.equals(r.system)
                && Double.compare(temperatureK, r.temperatureK) == 0
                && Double.compare(vacancyFraction, r.vacancyFraction) == 0 && replica == r.replica
                && nAtoms == r.nAtoms && Double.compare(timestepFs, r.timestepFs) == 0
                && Double.compare(frameIntervalPs, r.frameIntervalPs) == 0 && nFrames == r.nFrames
                && Arrays.equals(cell, r.cell) && Arrays.equals(species, r.species) && Arrays.equals(masses, r.masses)
                && Objects.equals(potential, r.potential) && seed == r.seed && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, system, temperatureK, vacancyFraction, replica, nAtoms, timestepFs,
                frameIntervalPs, nFrames, Arrays.hashCode(cell), Arrays.hashCode(species), Arrays.hashCode(masses),
                potential, seed, source);
    }

    @Override
    public String toString() {
        return "RunInfo[runId=" + runId + ", system=" + system + ", temperatureK=" + temperatureK
                + ", vacancyFraction=" + vacancyFraction + ", replica=" + replica + ", nAtoms=" + nAtoms
                + ", timestepFs=" + timestepFs + ", frameIntervalPs=" + frameIntervalPs + ", nFrames=" + nFrames
                + ", cell=" + Arrays.toString(cell) + ", species=" + Arrays.toString(species)
                + ", masses=" + Arrays.toString(masses) + ", potential=" + potential + ", seed=" + seed
                + ", source=" + source + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must not be empty");
    }
}
