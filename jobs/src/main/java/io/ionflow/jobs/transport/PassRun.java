package io.ionflow.jobs.transport;

import java.io.Serializable;

/**
 * What the first pass needs to know about a run. {@code speciesOfAtom} null (direct mode only, MSD): species not
 * known yet — the task records each row's species and finds frames 0 and T−1 itself ({@link DirectPass}).
 */
final class PassRun implements Serializable {
    private static final long serialVersionUID = 1L;
    final int ridx;
    final int nAtoms;
    final int nFrames;
    final int[] speciesOfAtom;
    final String[] species;
    /** Per species: part of the drift reference (null while the species are not known). */
    final boolean[] inReference;
    final int chunk;

    PassRun(int ridx, int nAtoms, int nFrames, int[] speciesOfAtom, String[] species, boolean[] inReference) {
        this.ridx = ridx;
        this.nAtoms = nAtoms;
        this.nFrames = nFrames;
        this.speciesOfAtom = speciesOfAtom;
        this.species = species;
        this.inReference = inReference;
        this.chunk = (int) Math.max(1, Math.min(Math.min(1024, nFrames), (32L << 20) / (12L * nAtoms)));
    }
}
