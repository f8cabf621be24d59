package io.ionflow.analyze.inm;

import java.util.List;

/**
 * Instantaneous-normal-mode summary of one configuration (see {@link InmAnalysis}). The 3N − 3 internal
 * modes are counted; the three translations are removed by projection ({@link InstantaneousModes}).
 * Per-mode arrays are indexed like {@link #frequenciesThz()} (ascending ν). Quantities that need
 * eigenvectors are null (arrays) or NaN when the decomposition was values-only.
 *
 * @param atoms                   N
 * @param modes                   3N − 3
 * @param species                 species names by type id
 * @param frequenciesThz          signed ν, THz, ascending (imaginary negative)
 * @param unstable                n_u, modes with λ &lt; −τ·max|λ|
 * @param fu                      f_u = n_u / (3N − 3)
 * @param unstableDominant        per species: unstable modes whose largest species weight is that species
 * @param fuDominant              unstableDominant / (3N − 3) per species (sums to f_u)
 * @param fuFractional            Σ over unstable modes of the species weight, / (3N − 3) (sums to f_u)
 * @param participationRatio      PR_k = (Σ_i |e_ki|²)² / (N Σ_i |e_ki|⁴), in [1/N, 1]
 * @param speciesWeight           [mode][species] Σ over the species' atoms of |e_ki|² (rows sum to 1)
 * @param meanUnstableFrequencyThz mean |ν| over unstable modes, THz (NaN when there are none)
 * @param dos                     INM density of states on the signed axis
 * @param unstableKinds           double-well/shoulder per unstable mode in ascending-ν order, or null when not classified
 * @param doubleWell              n_dw (−1 when not classified)
 */
public record InmSnapshot(int atoms, int modes, List<String> species, double[] frequenciesThz, int unstable, double fu,
                          int[] unstableDominant, double[] fuDominant, double[] fuFractional,
                          double[] participationRatio, double[][] speciesWeight, double meanUnstableFrequencyThz,
                          InmDos dos, DoubleWellClassifier.Kind[] unstableKinds, int doubleWell) {

    /** f_dw = n_dw / (3N − 3), the fraction of all internal modes that are double wells (NaN when not classified). */
    public double fdw() {
        return unstableKinds == null ? Double.NaN : (double) doubleWell / modes;
    }

    /** n_dw / n_u (NaN when not classified or no unstable modes). */
    public double doubleWellShareOfUnstable() {
        return unstableKinds == null || unstable == 0 ? Double.NaN : (double) doubleWell / unstable;
    }

    /** Shoulder modes n_u − n_dw (−1 when not classified). */
    public int shoulder() {
        return unstableKinds == null ? -1 : unstable - doubleWell;
    }
}
