package io.ionflow.simulate.xyz;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams the structures of an extended-XYZ file (GPUMD/ASE training-set convention), one
 * {@link XyzStructure} at a time, so memory stays that of one structure whatever the file's length:
 * <pre>
 *   N
 *   energy=-1616.27 virial="9 numbers" Lattice="ax ay az bx by bz cx cy cz" pbc="T T T" Properties=species:S:1:pos:R:3:force:R:3
 *   C x y z fx fy fz
 *   …  (N atom lines)
 * </pre>
 * Keys {@code Lattice} (required, nine numbers, Å), {@code Properties} (default
 * {@code species:S:1:pos:R:3}; {@code species:S:1} and {@code pos:R:3} must come first), {@code energy}
 * (eV) and {@code virial} (nine numbers, eV) are matched in any case; other keys are kept as written.
 * A {@code force:R:3} or {@code forces:R:3} column is read as forces in eV/Å. Every problem is an
 * {@link XyzFormatException} naming the file, the line and the structure.
 */
public final class ExtxyzStructureReader implements Closeable {
    private static final String DEFAULT_PROPERTIES = "species:S:1:pos:R:3";
    private final String file;
    private final BufferedReader in;
    private long lineNo;
    private int index;

    /** Reads from {@code in}; {@code file} names the source in error messages. */
    public ExtxyzStructureReader(String file, Reader in) {
        this.file = file;
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    }

    /** Opens a file (UTF-8). */
    public static ExtxyzStructureReader open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new XyzFormatException(path.toString(), 0, -1, Files.exists(path) ? "not a regular file" : "input file does not exist");
        }
        return new ExtxyzStructureReader(path.toString(), Files.newBufferedReader(path, StandardCharsets.UTF_8));
    }

    /** The input as named in error messages. */
    public String file() { return file; }

    /** The next structure, or null at the end of the file. */
    public XyzStructure next() throws IOException {
        String s;
        do {
            s = readLine();
        } while (s != null && s.isBlank());
        if (s == null) return null;
        long start = lineNo;
        int n = atomCount(s);
        String comment = readLine();
        if (comment == null) throw error("the file ends after the atom count: the last structure is truncated");
        List<XyzStructure.Key> keys = keys(comment);
        double[] cell = lattice(find(keys, "lattice"));
        String e = find(keys, "energy");
        double energy = e == null ? Double.NaN : parse(e.strip(), "energy");
        String v = find(keys, "virial");
        double[] virial = v == null ? null : numbers(v, 9, "virial");
        String spec = find(keys, "properties");
        List<XyzStructure.Property> props = properties(spec == null ? DEFAULT_PROPERTIES : spec);
        XyzStructure head = new XyzStructure(index, start, keys, props, null, cell, null, null,
                energy, virial, null);
        return atoms(head, n);
    }

    /** Reads the N atom lines of a structure whose comment line gave {@code head}. */
    private XyzStructure atoms(XyzStructure head, int n) throws IOException {
        int columns = head.column(head.properties().size());
        int f = head.forceProperty();
        int fc = f < 0 ? -1 : head.column(f);
        String[][] atoms = new String[n][];
        String[] species = new String[n];
        double[] pos = new double[3 * n];
        double[] force = f < 0 ? null : new double[3 * n];
        for (int i = 0; i < n; i++) {
            String a = readLine();
            if (a == null || a.isBlank()) {
                throw error("the file ends after " + i + " of " + n + " atom lines (structure started at line " + head.line()
                        + "): the structure is truncated");
            }
            String[] t = a.strip().split("\\s+");
            if (t.length != columns) {
                throw error("atom line has " + t.length + " values but Properties describe " + columns + " columns"
                        + (t.length < columns ? " (short line)" : ""));
            }
            atoms[i] = t;
            species[i] = t[0];
            for (int d = 0; d < 3; d++) {
                pos[3 * i + d] = parse(t[1 + d], "pos " + "xyz".charAt(d));
                if (force != null) force[3 * i + d] = parse(t[fc + d], head.properties().get(f).name() + " " + "xyz".charAt(d));
            }
        }
        return new XyzStructure(index++, head.line(), head.keys(), head.properties(), atoms, head.cell(), species, pos,
                head.energy(), head.virial(), force);
    }

    private int atomCount(String s) throws XyzFormatException {
        int n;
        try {
            n = Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw error("expected the atom count at the start of a structure, found '" + abbreviate(s) + "'");
        }
        if (n <= 0 || n > Integer.MAX_VALUE / 3) throw error("atom count " + n + " must be in 1.." + Integer.MAX_VALUE / 3);
        return n;
    }

    private List<XyzStructure.Key> keys(String comment) throws XyzFormatException {
        List<XyzStructure.Key> keys;
        try {
            keys = CommentLine.parse(comment);
        } catch (IllegalArgumentException e) {
            throw error("comment line: " + e.getMessage());
        }
        Set<String> seen = new HashSet<>();
        for (XyzStructure.Key k : keys) {
            String lower = k.name().toLowerCase(Locale.ROOT);
            boolean special = lower.equals("lattice") || lower.equals("properties") || lower.equals("energy") || lower.equals("virial");
            if (!seen.add(special ? lower : k.name())) throw error("comment line: key " + k.name() + " appears twice");
        }
        return keys;
    }

    private static String find(List<XyzStructure.Key> keys, String name) {
        for (XyzStructure.Key k : keys) if (k.name().equalsIgnoreCase(name)) return k.value() == null ? "" : k.value();
        return null;
    }

    private double[] lattice(String text) throws XyzFormatException {
        if (text == null) throw error("no Lattice=\"…\" in the comment line: the cell is unknown");
        double[] m = numbers(text, 9, "Lattice");
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (!(Math.abs(det) > 0)) throw error("Lattice=\"" + text.strip() + "\" has zero volume");
        return m;
    }

    private double[] numbers(String text, int count, String what) throws XyzFormatException {
        String t = text.strip();
        String[] f = t.isEmpty() ? new String[0] : t.split("\\s+");
        if (f.length != count) throw error(what + " must have " + count + " numbers, got " + f.length + ": \"" + abbreviate(text) + "\"");
        double[] v = new double[count];
        for (int k = 0; k < count; k++) v[k] = parse(f[k], what + " value " + (k + 1));
        return v;
    }

    private List<XyzStructure.Property> properties(String spec) throws XyzFormatException {
        List<XyzStructure.Property> props;
        try {
            props = CommentLine.properties(spec);
        } catch (IllegalArgumentException e) {
            throw error("Properties: " + e.getMessage());
        }
        if (props.size() < 2 || !props.get(0).spec().equalsIgnoreCase("species:S:1") || !props.get(1).spec().equalsIgnoreCase("pos:R:3")) {
            throw error("Properties=" + spec + ": species:S:1 and pos:R:3 must be the first two columns");
        }
        int f = XyzStructure.forceProperty(props);
        if (f >= 0 && (props.get(f).type() != 'R' || props.get(f).count() != 3)) {
            throw error("Properties=" + spec + ": the force column must be " + props.get(f).name() + ":R:3, got " + props.get(f).spec());
        }
        return props;
    }

    private double parse(String token, String what) throws XyzFormatException {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + abbreviate(token) + "' is not a number");
        }
        if (!Double.isFinite(v)) throw error(what + " is " + token + " (must be finite)");
        return v;
    }

    private String readLine() throws IOException {
        String s = in.readLine();
        if (s != null) lineNo++;
        return s;
    }

    private XyzFormatException error(String problem) {
        return new XyzFormatException(file, lineNo, index, problem);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
