package io.ionflow.simulate.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard atomic masses (amu) of all 118 chemical elements, H (Z = 1) to Og (Z = 118), by element
 * symbol (case-sensitive: {@code Co} is cobalt, {@code CO} is unknown).
 *
 * <p><b>Where the numbers come from.</b> Elements with a standard atomic weight: the CIAAW/IUPAC
 * standard atomic weights, 2021 revision (T. Prohaska et al., "Standard atomic weights of the
 * elements 2021 (IUPAC Technical Report)", Pure Appl. Chem. 94 (2022) 573–600; ciaaw.org), with
 * the uncertainty dropped. The 14 elements whose standard atomic weight is an interval get the
 * CIAAW conventional value: H 1.008, Li 6.94, B 10.81, C 12.011, N 14.007, O 15.999, Mg 24.305,
 * Si 28.085, S 32.06, Cl 35.45, Ar 39.95, Br 79.904, Tl 204.38, Pb 207.2. Elements without a
 * standard atomic weight (no stable isotope and no characteristic terrestrial composition: Tc, Pm,
 * Po–Ac, Np–Og): the mass number of the longest-lived known isotope (half-lives of NUBASE2020), the
 * bracketed value of periodic tables: Tc 97, Pm 145, Po 209, At 210, Rn 222, Fr 223, Ra 226,
 * Ac 227, Np 237, Pu 244, Am 243, Cm 247, Bk 247, Cf 251, Es 252, Fm 257, Md 258, No 259, Lr 266,
 * Rf 267, Db 268, Sg 269, Bh 270, Hs 269, Mt 278, Ds 281, Rg 282, Cn 285, Nh 286, Fl 289, Mc 290,
 * Lv 293, Ts 294, Og 294 (ASE and pymatgen follow the same rule, ASE with the isotope's mass, and
 * pick other isotopes for a few elements whose half-lives are close or uncertain). Th, Pa and U
 * have standard atomic weights and use them. {@code ElementsTest} checks a sample of the values
 * against literature values.
 *
 * <p>Names that are not element symbols (e.g. {@code A}, {@code type1}) have no standard mass; a
 * caller that accepts such species must take their masses from the user (ingest: {@code --masses}).
 */
public final class Elements {
    private Elements() {}

    /** Element symbols in order of atomic number (index 0 is H). */
    private static final String[] SYMBOLS = {
            "H", "He",
            "Li", "Be", "B", "C", "N", "O", "F", "Ne",
            "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
            "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
            "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe",
            "Cs", "Ba",
            "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
            "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
            "Fr", "Ra",
            "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
            "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    };

    /** Masses, amu, in the order of {@link #SYMBOLS}. */
    private static final double[] MASSES = {
            // 1 H .. 2 He
            1.008, 4.002602,
            // 3 Li .. 10 Ne
            6.94, 9.0121831, 10.81, 12.011, 14.007, 15.999, 18.998403162, 20.1797,
            // 11 Na .. 18 Ar
            22.98976928, 24.305, 26.9815384, 28.085, 30.973761998, 32.06, 35.45, 39.95,
            // 19 K .. 36 Kr
            39.0983, 40.078, 44.955907, 47.867, 50.9415, 51.9961, 54.938043, 55.845, 58.933194,
            58.6934, 63.546, 65.38, 69.723, 72.630, 74.921595, 78.971, 79.904, 83.798,
            // 37 Rb .. 54 Xe (43 Tc: no stable isotope)
            85.4678, 87.62, 88.905838, 91.224, 92.90637, 95.95, 97, 101.07, 102.90549,
            106.42, 107.8682, 112.414, 114.818, 118.710, 121.760, 127.60, 126.90447, 131.293,
            // 55 Cs, 56 Ba
            132.90545196, 137.327,
            // 57 La .. 71 Lu (61 Pm: no stable isotope)
            138.90547, 140.116, 140.90766, 144.242, 145, 150.36, 151.964, 157.25, 158.925354,
            162.500, 164.930329, 167.259, 168.934219, 173.045, 174.9668,
            // 72 Hf .. 86 Rn (84 Po .. 86 Rn: no stable isotope)
            178.486, 180.94788, 183.84, 186.207, 190.23, 192.217, 195.084, 196.966570, 200.592,
            204.38, 207.2, 208.98040, 209, 210, 222,
            // 87 Fr, 88 Ra
            223, 226,
            // 89 Ac .. 103 Lr (Th, Pa, U have standard atomic weights)
            227, 232.0377, 231.03588, 238.02891, 237, 244, 243, 247, 247, 251, 252, 257, 258, 259, 266,
            // 104 Rf .. 118 Og
            267, 268, 269, 270, 269, 278, 281, 282, 285, 286, 289, 290, 293, 294, 294,
    };

    private static final Map<String, Double> BY_SYMBOL = new HashMap<>();

    static {
        if (SYMBOLS.length != 118 || MASSES.length != 118) {
            throw new ExceptionInInitializerError("Elements: " + SYMBOLS.length + " symbols and " + MASSES.length
                    + " masses, expected 118 of each");
        }
        for (int z = 0; z < SYMBOLS.length; z++) {
            if (BY_SYMBOL.put(SYMBOLS[z], MASSES[z]) != null) {
                throw new ExceptionInInitializerError("Elements: symbol " + SYMBOLS[z] + " listed twice");
            }
        }
    }

    /**
     * The standard atomic mass of an element, amu.
     *
     * @param species an element symbol, e.g. {@code Ag}
     * @throws IllegalArgumentException naming {@code species} when it is not an element symbol
     */
    public static double mass(String species) {
        Double m = BY_SYMBOL.get(species);
        if (m == null) {
            throw new IllegalArgumentException("unknown species '" + species
                    + "': not a chemical element symbol (H..Og), so it has no standard atomic mass");
        }
        return m;
    }

    /** True when {@code species} is the symbol of one of the 118 elements. */
    public static boolean isElement(String species) {
        return BY_SYMBOL.containsKey(species);
    }

    /** The 118 element symbols in order of atomic number (H first). */
    public static List<String> symbols() {
        return Collections.unmodifiableList(Arrays.asList(SYMBOLS.clone()));
    }
}
