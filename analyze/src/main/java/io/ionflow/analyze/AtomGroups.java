package io.ionflow.analyze;

/**
 * Jackknife groups of the atoms of one species: {@value #COUNT} groups of consecutive atoms in the
 * species' own order (its k-th atom of n goes to group ⌊k·COUNT/n⌋). An atom's group depends only on
 * its rank among its species, so any partitioning of a run over tasks gives the same groups; a task
 * that holds a block of consecutive atoms touches few groups. Atoms of one group are mostly
 * neighbours in the order the structure was written (often neighbours in space), so motion that is
 * correlated between close atoms stays inside a group and shows in the spread between groups.
 */
public final class AtomGroups {
    private AtomGroups() {}

    /** Number of groups. */
    public static final int COUNT = 32;

    /**
     * @param rank  the atom's rank among the atoms of its species, 0..count−1
     * @param count atoms of the species
     * @return its group, 0..COUNT−1
     */
    public static int of(int rank, int count) {
        if (rank < 0 || rank >= count) {
            throw new IllegalArgumentException("rank " + rank + " outside 0.." + (count - 1));
        }
        return (int) ((long) rank * COUNT / count);
    }

    /**
     * The group of every atom of a run.
     *
     * @param speciesOfAtom species id of each atom
     * @param nSpecies      number of species
     * @return group per atom
     */
    public static int[] ofAtoms(int[] speciesOfAtom, int nSpecies) {
        int[] count = new int[nSpecies];
        for (int s : speciesOfAtom) {
            count[s]++;
        }
        int[] rank = new int[nSpecies];
        int[] out = new int[speciesOfAtom.length];
        for (int a = 0; a < out.length; a++) {
            int s = speciesOfAtom[a];
            out[a] = of(rank[s]++, count[s]);
        }
        return out;
    }
}
