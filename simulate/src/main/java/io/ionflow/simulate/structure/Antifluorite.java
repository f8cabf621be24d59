package io.ionflow.simulate.structure;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds antifluorite (CaF2-type, Fm-3m) supercells such as α-Ag2Te: the anion (Te) on an fcc
 * lattice, the cation (Ag) on all 8 tetrahedral (8c) sites of the conventional cell, 12 atoms per cell.
 * Anion vacancies are seeded at random with an exact count round(f × N_anion).
 */
public final class Antifluorite {
    private Antifluorite() {}

    private static final double[][] FCC = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    private static final double[][] TETRA = {
        {0.25, 0.25, 0.25}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.25}, {0.25, 0.25, 0.75},
        {0.75, 0.75, 0.25}, {0.75, 0.25, 0.75}, {0.25, 0.75, 0.75}, {0.75, 0.75, 0.75}};

    /** What was built: the structure and the vacancy bookkeeping a user needs to see. */
    public record Result(Structure structure, int anionSites, int anionVacancies, int cationSites,
                         int cationVacancies) {
        public double actualVacancyFraction() {
            return anionSites == 0 ? 0 : (double) anionVacancies / anionSites;
        }
    }

    /**
     * @param cation         cation species (type 0), e.g. "Ag"
     * @param anion          anion species (type 1), e.g. "Te"
     * @param cells          n for an n×n×n supercell of the conventional cell
     * @param latticeA       conventional lattice constant, Å
     * @param vacancyFraction fraction of anion sites left empty, in [0, 1)
     * @param chargeNeutral  if true, also remove 2 cations per anion vacancy (for a 2:1 compound)
     * @param rng            source of randomness for the vacancy sites
     */
    public static Result build(String cation, String anion, int cells, double latticeA, double vacancyFraction,
                               boolean chargeNeutral, UniformRandomProvider rng) {
        return build(cation, anion, new int[] {cells, cells, cells}, latticeA, vacancyFraction, chargeNeutral, rng);
    }

    /** As {@link #build(String, String, int, double, double, boolean, UniformRandomProvider)} for an nx×ny×nz supercell. */
    public static Result build(String cation, String anion, int[] cells, double latticeA, double vacancyFraction,
                               boolean chargeNeutral, UniformRandomProvider rng) {
        if (cells.length != 3 || cells[0] < 1 || cells[1] < 1 || cells[2] < 1) {
            throw new IllegalArgumentException("supercell must be three integers >= 1, got " + java.util.Arrays.toString(cells));
        }
        if (!(latticeA > 0) || !Double.isFinite(latticeA)) {
            throw new IllegalArgumentException("lattice constant must be positive, got " + latticeA + " Å");
        }
        if (!(vacancyFraction >= 0 && vacancyFraction < 1)) {
            throw new IllegalArgumentException("vacancy fraction must be in [0, 1), got " + vacancyFraction);
        }
        List<double[]> anions = new ArrayList<>();
        List<double[]> cations = new ArrayList<>();
        for (int i = 0; i < cells[0]; i++) {
            for (int j = 0; j < cells[1]; j++) {
                for (int k = 0; k < cells[2]; k++) {
                    for (double[] f : FCC) anions.add(new double[] {(i + f[0]) * latticeA, (j + f[1]) * latticeA, (k + f[2]) * latticeA});
                    for (double[] f : TETRA) cations.add(new double[] {(i + f[0]) * latticeA, (j + f[1]) * latticeA, (k + f[2]) * latticeA});
                }
            }
        }
        int nAnion = anions.size();
        int nVac = (int) Math.round(vacancyFraction * nAnion);
        boolean[] removeAnion = pick(nAnion, nVac, rng);
        int nCatVac = chargeNeutral ? Math.min(2 * nVac, cations.size()) : 0;
        boolean[] removeCation = pick(cations.size(), nCatVac, rng);

        int n = nAnion - nVac + cations.size() - nCatVac;
        int[] types = new int[n];
        double[] pos = new double[3 * n];
        int a = 0;
        // cations first (type 0), then anions (type 1): atom ids are stable and contiguous
        for (int c = 0; c < cations.size(); c++) {
            if (removeCation[c]) continue;
            types[a] = 0;
            System.arraycopy(cations.get(c), 0, pos, 3 * a, 3);
            a++;
        }
        for (int c = 0; c < nAnion; c++) {
            if (removeAnion[c]) continue;
            types[a] = 1;
            System.arraycopy(anions.get(c), 0, pos, 3 * a, 3);
            a++;
        }
        Structure s = new Structure(new String[] {cation, anion},
                new double[] {Elements.mass(cation), Elements.mass(anion)}, types, pos, null,
                new Box(cells[0] * latticeA, cells[1] * latticeA, cells[2] * latticeA));
        return new Result(s, nAnion, nVac, cations.size(), nCatVac);
    }

    private static boolean[] pick(int n, int k, UniformRandomProvider rng) {
        boolean[] chosen = new boolean[n];
        if (k == 0) return chosen;
        int[] perm = PermutationSampler.natural(n);
        PermutationSampler.shuffle(rng, perm);
        for (int i = 0; i < k; i++) chosen[perm[i]] = true;
        return chosen;
    }
}
