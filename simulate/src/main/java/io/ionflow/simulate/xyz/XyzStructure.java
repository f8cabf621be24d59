package io.ionflow.simulate.xyz;

import java.util.List;
import java.util.Locale;

/**
 * One structure of an extended-XYZ file in the training-set convention of GPUMD and ASE, as
 * {@link ExtxyzStructureReader} reads it and {@link ExtxyzStructureWriter} writes it. Units: Å for the
 * cell and positions, eV for the energy and the virial, eV/Å for forces.
 *
 * <p>The comment line is kept as written ({@link #keys()}: names with their spelling, in order) and
 * every atom line as its whitespace-separated values ({@link #atoms()}), so that keys and columns
 * IonFlow does not use are carried through unchanged; the values IonFlow uses are also parsed.
 *
 * @param index      0-based index of the structure in its file
 * @param line       1-based line number of its atom count
 * @param keys       comment-line {@code key=value} pairs in file order (value without its quotes; null for a
 *                   bare flag)
 * @param properties the atom columns described by {@code Properties}; {@code species:S:1} and {@code pos:R:3}
 *                   come first
 * @param atoms      per atom, the values of its line as written (one entry per column)
 * @param cell       {@code Lattice}: row-major 3×3, rows are the cell vectors a, b, c, Å
 * @param species    per atom, the species name
 * @param positions  3N Cartesian positions, Å, as written (not necessarily wrapped)
 * @param energy     {@code energy=} (any case), eV, or NaN when absent
 * @param virial     {@code virial=} (any case), nine components xx xy xz yx yy yz zx zy zz, eV, or null
 * @param forces     the {@code force:R:3} (or {@code forces:R:3}) column, 3N values, eV/Å, or null
 */
public record XyzStructure(int index, long line, List<Key> keys, List<Property> properties, String[][] atoms,
                           double[] cell, String[] species, double[] positions, double energy, double[] virial,
                           double[] forces) {

    /** A comment-line pair; {@code value} is null for a bare flag (a key without {@code =}). */
    public record Key(String name, String value) {}

    /** One {@code name:type:count} entry of {@code Properties} (type S string, R real, I integer, L logical). */
    public record Property(String name, char type, int count) {
        /** The entry as written in {@code Properties}. */
        public String spec() { return name + ":" + type + ":" + count; }
    }

    public XyzStructure {
        keys = List.copyOf(keys);
        properties = List.copyOf(properties);
    }

    /** Number of atoms. */
    public int atomCount() { return species.length; }

    /** The value of the first key spelled {@code name} in any case, or null when absent (or a bare flag). */
    public String value(String name) {
        for (Key k : keys) if (k.name().equalsIgnoreCase(name)) return k.value();
        return null;
    }

    /** Index of the first property named {@code name} (any case) in {@link #properties()}, or -1. */
    public int propertyIndex(String name) {
        for (int i = 0; i < properties.size(); i++) if (properties.get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }

    /** Index of the force column ({@code force}, else {@code forces}) in {@link #properties()}, or -1. */
    public int forceProperty() {
        return forceProperty(properties);
    }

    /** Index of the force column ({@code force}, else {@code forces}) in {@code props}, or -1. */
    public static int forceProperty(List<Property> props) {
        int forces = -1;
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equalsIgnoreCase("force")) return i;
            if (forces < 0 && props.get(i).name().equalsIgnoreCase("forces")) forces = i;
        }
        return forces;
    }

    /** First value column of property {@code p} (its offset in an atom line). */
    public int column(int p) {
        int c = 0;
        for (int i = 0; i < p; i++) c += properties.get(i).count();
        return c;
    }

    /** The {@code Properties} value describing {@link #properties()}. */
    public String propertiesSpec() {
        return propertiesSpec(properties);
    }

    /** The {@code Properties} value describing {@code properties}. */
    public static String propertiesSpec(List<Property> properties) {
        StringBuilder sb = new StringBuilder();
        for (Property p : properties) sb.append(sb.length() == 0 ? "" : ":").append(p.spec());
        return sb.toString();
    }

    /** A number as written by IonFlow: the shortest text that reads back as the same double. */
    public static String number(double v) {
        return Double.toString(v);
    }

    /** Numbers separated by single spaces (for {@code virial=}). */
    public static String numbers(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) sb.append(sb.length() == 0 ? "" : " ").append(number(x));
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "structure %d (line %d, %d atoms)", index, line, atomCount());
    }
}
