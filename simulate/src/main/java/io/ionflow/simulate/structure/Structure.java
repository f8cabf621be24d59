package io.ionflow.simulate.structure;

import java.util.Arrays;

/**
 * Atoms in a periodic box: species names and masses by type id, per-atom type ids,
 * unwrapped Cartesian positions (Å) and velocities (Å/ps) as flat arrays [x0,y0,z0,x1,...].
 * Mutable on purpose: the integrators update positions and velocities in place.
 */
public final class Structure {
    private final String[] speciesNames;
    private final double[] speciesMasses;
    private final int[] types;
    private final double[] positions;
    private final double[] velocities;
    private Box box;

    public Structure(String[] speciesNames, double[] speciesMasses, int[] types, double[] positions,
                     double[] velocities, Box box) {
        if (speciesNames.length != speciesMasses.length) {
            throw new IllegalArgumentException("species names and masses differ in length");
        }
        int n = types.length;
        if (positions.length != 3 * n) {
            throw new IllegalArgumentException("positions must have 3 × " + n + " entries, got " + positions.length);
        }
        if (velocities != null && velocities.length != 3 * n) {
            throw new IllegalArgumentException("velocities must have 3 × " + n + " entries");
        }
        for (int t : types) {
            if (t < 0 || t >= speciesNames.length) {
                throw new IllegalArgumentException("type id " + t + " has no species");
            }
        }
        for (double m : speciesMasses) {
            if (!(m > 0)) throw new IllegalArgumentException("masses must be positive, got " + m);
        }
        this.speciesNames = speciesNames.clone();
        this.speciesMasses = speciesMasses.clone();
        this.types = types.clone();
        this.positions = positions.clone();
        this.velocities = velocities == null ? new double[3 * n] : velocities.clone();
        this.box = box;
    }

    public Structure copy() {
        return new Structure(speciesNames, speciesMasses, types, positions, velocities, box);
    }

    public int size() { return types.length; }
    public String[] speciesNames() { return speciesNames.clone(); }
    public int speciesCount() { return speciesNames.length; }
    public String speciesName(int type) { return speciesNames[type]; }
    public double[] speciesMasses() { return speciesMasses.clone(); }
    public int type(int atom) { return types[atom]; }
    public int[] types() { return types; }
    public double mass(int atom) { return speciesMasses[types[atom]]; }
    /** Live array of unwrapped positions, Å. */
    public double[] positions() { return positions; }
    /** Live array of velocities, Å/ps. */
    public double[] velocities() { return velocities; }
    public Box box() { return box; }
    public void setBox(Box box) { this.box = box; }

    /** Index of a species by name, or -1. */
    public int typeOf(String species) {
        return Arrays.asList(speciesNames).indexOf(species);
    }

    public int count(int type) {
        int c = 0;
        for (int t : types) if (t == type) c++;
        return c;
    }

    public double totalMass() {
        double m = 0;
        for (int t : types) m += speciesMasses[t];
        return m;
    }

    /** Number of degrees of freedom with total momentum fixed: 3N − 3. */
    public int degreesOfFreedom() { return 3 * size() - 3; }
}
