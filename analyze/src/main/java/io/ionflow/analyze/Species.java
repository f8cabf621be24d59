package io.ionflow.analyze;

/** Small helpers for species bookkeeping (species are ids 0..nSpecies−1, as in the archive). */
public final class Species {
    private Species() {}

    /**
     * @param speciesOfAtom species id of each atom
     * @param species       the id to select
     * @return indices of the atoms of that species, ascending
     */
    public static int[] atomsOf(int[] speciesOfAtom, int species) {
        int n = 0;
        for (int s : speciesOfAtom) {
            if (s == species) {
                n++;
            }
        }
        int[] out = new int[n];
        for (int i = 0, k = 0; i < speciesOfAtom.length; i++) {
            if (speciesOfAtom[i] == species) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * @param speciesOfAtom species id of each atom
     * @return 1 + the largest id (0 when empty)
     */
    public static int count(int[] speciesOfAtom) {
        int max = -1;
        for (int s : speciesOfAtom) {
            if (s < 0) {
                throw new IllegalArgumentException("negative species id " + s);
            }
            max = Math.max(max, s);
        }
        return max + 1;
    }
}
