package io.ionflow.analyze;

import java.util.Locale;

/**
 * What the drift of a run is measured against, and the one rule that picks it when the user does
 * not say (used by every path of the msd and vacf jobs).
 *
 * <ul>
 *   <li>{@code framework}: the centre of mass of one species (e.g. Te in Ag2Te): the mobile ions'
 *       motion relative to the lattice they move through;</li>
 *   <li>{@code system}: the mass-weighted centre of mass of all atoms, the quantity that momentum
 *       conservation keeps still — right for liquids, where no species is a lattice;</li>
 *   <li>{@code none}: positions as stored.</li>
 * </ul>
 *
 * <p>Default ({@code auto}): the least mobile species is the framework when it is clearly immobile
 * relative to the others — its first-to-last-frame ⟨Δr²⟩ relative to the system's centre of mass is
 * at most {@value #IMMOBILE_RATIO} of the most mobile species' — otherwise the system's centre of mass.
 * A vibrating Te sublattice next to diffusing Ag passes by orders of magnitude; two species of a
 * liquid (Ar/Kr: 81 vs 112 Å² over 60 ps) do not, and subtracting one diffusing species' centre of
 * mass from the other would bias both.
 */
public final class DriftReference {
    private DriftReference() {}

    /** The framework must move at most this fraction of the most mobile species' ⟨Δr²⟩. */
    public static final double IMMOBILE_RATIO = 0.1;

    /** What the user asked for. */
    public enum Mode {
        /** The rule above. */
        AUTO,
        /** One species' centre of mass. */
        FRAMEWORK,
        /** The centre of mass of all atoms. */
        SYSTEM,
        /** No correction. */
        NONE;

        /**
         * @param text {@code auto|framework|system|none}, any case
         * @return the mode
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--drift must be auto, framework, system or none, got '" + text + "'");
        }

        /** @return the option's spelling */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The reference of one run: per species its weight in the reference (0: not part of it).
     *
     * @param mode        framework, system or none (never auto)
     * @param framework   the framework species id, −1 unless mode is framework
     * @param weights     per species the weight of each of its atoms (1 for the framework, the mass for system)
     * @param description one line for the job's output and the results' note
     */
    public record Choice(Mode mode, int framework, double[] weights, String description) implements java.io.Serializable {
        /** @return true if species s is part of the reference */
        public boolean includes(int s) {
            return weights[s] > 0;
        }
    }

    /**
     * @param mode            what the user asked for
     * @param frameworkName   the framework species ({@code --framework}), or null
     * @param species         species names, by id
     * @param masses          species masses, amu, by id
     * @param atomsPerSpecies atoms of each species
     * @param msdFirstLast    per species the first-to-last-frame ⟨Δr²⟩ relative to the system's centre of mass, Å²
     *                        (NaN where unknown); used by {@code auto} only
     * @return the reference
     * @throws IllegalArgumentException when the framework named does not exist in the run, or auto cannot decide
     */
    public static Choice choose(Mode mode, String frameworkName, String[] species, double[] masses, int[] atomsPerSpecies,
                                double[] msdFirstLast) {
        int ns = species.length;
        if (frameworkName != null && mode != Mode.AUTO && mode != Mode.FRAMEWORK) {
            throw new IllegalArgumentException("--framework " + frameworkName + " goes with --drift framework (or auto), not --drift "
                    + mode.label());
        }
        if (frameworkName != null) {
            return framework(indexOf(frameworkName, species, atomsPerSpecies), species, "given by --framework");
        }
        switch (mode) {
            case NONE:
                return new Choice(Mode.NONE, -1, new double[ns], "none (positions as stored)");
            case SYSTEM:
                return system(masses, atomsPerSpecies, "given by --drift system");
            case FRAMEWORK:
            case AUTO:
            default:
                return auto(mode, species, masses, atomsPerSpecies, msdFirstLast);
        }
    }

    private static Choice auto(Mode mode, String[] species, double[] masses, int[] atomsPerSpecies, double[] msd) {
        int least = -1;
        int most = -1;
        for (int s = 0; s < species.length; s++) {
            if (atomsPerSpecies[s] == 0 || Double.isNaN(msd[s])) {
                continue;
            }
            if (least < 0 || msd[s] < msd[least]) {
                least = s;
            }
            if (most < 0 || msd[s] > msd[most]) {
                most = s;
            }
        }
        if (least < 0) {
            throw new IllegalArgumentException("cannot choose a drift reference: positions of the first or last frame are not"
                    + " finite; give --drift or --framework");
        }
        String mobility = mobility(species, msd);
        if (mode == Mode.FRAMEWORK) {
            return framework(least, species, "least mobile; " + mobility);
        }
        if (least != most && msd[least] <= IMMOBILE_RATIO * msd[most]) {
            return framework(least, species, String.format(Locale.ROOT, "auto: least mobile, <dr^2> at most %.2g of %s's; %s",
                    IMMOBILE_RATIO, species[most], mobility));
        }
        return system(masses, atomsPerSpecies, String.format(Locale.ROOT, "auto: no species is immobile (<dr^2> of the least"
                + " mobile above %.2g of the most mobile's); %s", IMMOBILE_RATIO, mobility));
    }

    private static Choice framework(int s, String[] species, String how) {
        double[] w = new double[species.length];
        w[s] = 1.0;
        return new Choice(Mode.FRAMEWORK, s, w, "framework " + species[s] + " (" + how + ")");
    }

    private static Choice system(double[] masses, int[] atomsPerSpecies, String how) {
        double[] w = new double[masses.length];
        for (int s = 0; s < w.length; s++) {
            w[s] = atomsPerSpecies[s] > 0 ? masses[s] : 0.0;
        }
        return new Choice(Mode.SYSTEM, -1, w, "system centre of mass (" + how + ")");
    }

    private static int indexOf(String name, String[] species, int[] atomsPerSpecies) {
        for (int s = 0; s < species.length; s++) {
            if (species[s].equals(name)) {
                if (atomsPerSpecies[s] == 0) {
                    throw new IllegalArgumentException("--framework " + name + ": the run has no atoms of that species");
                }
                return s;
            }
        }
        throw new IllegalArgumentException("--framework " + name + " is not among the run's species "
                + java.util.Arrays.toString(species));
    }

    private static String mobility(String[] species, double[] msd) {
        StringBuilder b = new StringBuilder("first-to-last-frame <dr^2> relative to the centre of mass:");
        for (int s = 0; s < species.length; s++) {
            if (!Double.isNaN(msd[s])) {
                b.append(String.format(Locale.ROOT, " %s %.3g A^2", species[s], msd[s]));
            }
        }
        return b.toString();
    }

    /**
     * The input of the {@code auto} rule: per species the first-to-last-frame ⟨Δr²⟩ of its atoms relative to the
     * mass-weighted centre of mass of all atoms, Å² (NaN for a species without atoms or with a non-finite position).
     *
     * @param speciesOfAtom species id of each atom
     * @param nSpecies      number of species
     * @param masses        species masses, amu, by id
     * @param first         positions in the first frame, [atom][x, y, z], Å
     * @param last          positions in the last frame, [atom][x, y, z], Å
     * @return ⟨Δr²⟩ per species, Å²
     */
    public static double[] msdFirstLast(int[] speciesOfAtom, int nSpecies, double[] masses, double[][] first,
                                        double[][] last) {
        int n = speciesOfAtom.length;
        double mTot = 0;
        double[] com = new double[3];
        for (int a = 0; a < n; a++) {
            double m = masses[speciesOfAtom[a]];
            mTot += m;
            for (int c = 0; c < 3; c++) {
                com[c] += m * (last[a][c] - first[a][c]);
            }
        }
        double[] sum = new double[nSpecies];
        int[] cnt = new int[nSpecies];
        for (int a = 0; a < n; a++) {
            double d2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = last[a][c] - first[a][c] - com[c] / mTot;
                d2 += d * d;
            }
            sum[speciesOfAtom[a]] += d2;
            cnt[speciesOfAtom[a]]++;
        }
        double[] out = new double[nSpecies];
        for (int s = 0; s < nSpecies; s++) {
            out[s] = cnt[s] == 0 || !Double.isFinite(sum[s]) ? Double.NaN : sum[s] / cnt[s];
        }
        return out;
    }

    /**
     * The reference trajectory from per-species coordinate sums: R(f) = Σ_s w_s·S_s(f) / Σ_s w_s·n_s.
     *
     * @param choice          the reference
     * @param sums            per species s the sum over its atoms of one coordinate, per frame: sums[s][frame] (null
     *                        rows for species outside the reference)
     * @param atomsPerSpecies atoms of each species
     * @param nFrames         frames
     * @return R per frame (zeros for {@code none})
     */
    public static double[] combine(Choice choice, double[][] sums, int[] atomsPerSpecies, int nFrames) {
        double[] out = new double[nFrames];
        double wTot = 0;
        for (int s = 0; s < atomsPerSpecies.length; s++) {
            wTot += choice.weights()[s] * atomsPerSpecies[s];
        }
        if (!(wTot > 0)) {
            return out;
        }
        for (int s = 0; s < atomsPerSpecies.length; s++) {
            double w = choice.weights()[s];
            if (w > 0) {
                for (int f = 0; f < nFrames; f++) {
                    out[f] += w * sums[s][f];
                }
            }
        }
        for (int f = 0; f < nFrames; f++) {
            out[f] /= wTot;
        }
        return out;
    }
}
