package io.ionflow.jobs.transport;

import java.io.Serializable;

/**
 * What the executors need to know about one run of a transport job (broadcast to every task):
 * its shape, species, the species of every atom, the framework reference series and the fit
 * settings. Small except for {@link #reference}, frames × 3 doubles.
 */
final class RunMeta implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Index of the run within this job (the high bits of the shuffle key). */
    final int ridx;
    final String runId;
    final int nAtoms;
    final int nFrames;
    final double dtPs;
    final int maxLag;
    final String[] species;
    final double[] masses;
    /** Species id of every atom (from frame 0). */
    final int[] speciesOfAtom;
    /** Species id of the drift reference. */
    /** The drift reference, for the results' notes. */
    final String drift;
    /**
     * Reference series [3][nFrames] subtracted from every atom: for positions the framework's
     * centre-of-mass displacement R(t) − R(0) (Å); for velocities the framework's mean velocity (Å/ps).
     */
    final double[][] reference;
    final double temperatureK;
    final double vacancyFraction;
    /** Fit / plateau window, ps; NaN = automatic. */
    final double fitStartPs;
    final double fitEndPs;

    RunMeta(int ridx, String runId, int nAtoms, int nFrames, double dtPs, int maxLag, String[] species, double[] masses,
            int[] speciesOfAtom, String drift, double[][] reference, double temperatureK, double vacancyFraction,
            double fitStartPs, double fitEndPs) {
        this.ridx = ridx;
        this.runId = runId;
        this.nAtoms = nAtoms;
        this.nFrames = nFrames;
        this.dtPs = dtPs;
        this.maxLag = maxLag;
        this.species = species;
        this.masses = masses;
        this.speciesOfAtom = speciesOfAtom;
        this.drift = drift;
        this.reference = reference;
        this.temperatureK = temperatureK;
        this.vacancyFraction = vacancyFraction;
        this.fitStartPs = fitStartPs;
        this.fitEndPs = fitEndPs;
    }

    /**
     * Atoms per accumulation block of a run with {@code nAtoms} atoms: at least 64, at most 64 blocks.
     * The per-atom pass emits partial sums per block (contiguous atom ids) and the merge adds them in
     * block order, so results do not depend on how atoms were spread over tasks: the same run gives
     * bit-identical results whatever the partitioning or the other runs of the job.
     */
    static int atomsPerBlock(int nAtoms) {
        return Math.max(64, (nAtoms + 63) / 64);
    }

    /** @return number of accumulation blocks */
    int blocks() {
        int b = atomsPerBlock(nAtoms);
        return (nAtoms + b - 1) / b;
    }

    private transient int[] groups;

    /** @return the jackknife group of an atom ({@link io.ionflow.analyze.AtomGroups}: by its rank among its species) */
    int group(int atom) {
        if (groups == null) {
            groups = io.ionflow.analyze.AtomGroups.ofAtoms(speciesOfAtom, species.length);
        }
        return groups[atom];
    }

    /** @return atoms of each species */
    int[] atomsPerSpecies() {
        int[] n = new int[species.length];
        for (int s : speciesOfAtom) {
            n[s]++;
        }
        return n;
    }
}
