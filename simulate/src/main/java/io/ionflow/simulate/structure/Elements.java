package io.ionflow.simulate.structure;

import java.util.Map;

/** Standard atomic masses (amu, IUPAC 2013 conventional values) of the species IonFlow builds. */
public final class Elements {
    private Elements() {}

    private static final Map<String, Double> MASSES = Map.of(
            "Ag", 107.8682,
            "Te", 127.60,
            "I", 126.90447,
            "Se", 78.971,
            "S", 32.06,
            "Cu", 63.546);

    public static double mass(String species) {
        Double m = MASSES.get(species);
        if (m == null) {
            throw new IllegalArgumentException("unknown species '" + species + "': known are " + MASSES.keySet());
        }
        return m;
    }
}
