package io.ionflow.simulate.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an extended XYZ trajectory as GPUMD ({@code dump_exyz}) and ASE write it, one frame at a
 * time; a name ending in {@code .gz} is read through gzip. Each frame is:
 * <pre>
 *   N
 *   Time=100.0 Lattice="ax ay az bx by bz cx cy cz" Properties=species:S:1:pos:R:3:vel:R:3 pbc="T T T" …
 *   Ag 0.1 0.2 0.3 0.001 -0.002 0.0005
 *   …  (N atom lines)
 * </pre>
 * The comment line holds {@code key=value} pairs (values may be double-quoted; keys are matched
 * case-insensitively; bare keys are flags). Used keys:
 * <ul>
 *   <li>{@code Lattice} (required): nine numbers, the cell vectors a, b, c; only orthorhombic cells
 *       (zero off-diagonal entries) are accepted. The box origin is 0.</li>
 *   <li>{@code Properties}: {@code name:type:count} triples describing the atom columns in order
 *       (types S string, R real, I integer, L logical); default {@code species:S:1:pos:R:3}. Needed
 *       are {@code species:S:1} and {@code pos:R:3}; {@code vel:R:3} (or {@code velocities:R:3}) is
 *       read when present; other properties are skipped.</li>
 *   <li>{@code Time}: simulation time in fs (GPUMD writes it), optional.</li>
 *   <li>{@code pbc}: when present it must be {@code "T T T"}.</li>
 * </ul>
 * Atoms are identified by their order, which must be the same in every frame. Positions are taken
 * as wrapped ({@link Frame#wrapped()}): {@link Unwrapper}'s minimum-image rule unwraps wrapped
 * positions and leaves already unwrapped ones unchanged (when atoms move less than its limit).
 * Velocities are converted from {@link VelocityUnit} to Å/ps.
 */
public final class ExtxyzReader implements TrajectorySource {
    public static final String FORMAT = "extxyz";

    /** Unit of the {@code vel} property. */
    public enum VelocityUnit {
        /** Å/fs, as GPUMD writes velocities. */
        ANGSTROM_PER_FS("A/fs", 1000.0),
        /** Å/ps. */
        ANGSTROM_PER_PS("A/ps", 1.0);

        private final String label;
        private final double toAngstromPerPs;

        VelocityUnit(String label, double toAngstromPerPs) {
            this.label = label;
            this.toAngstromPerPs = toAngstromPerPs;
        }

        /** Factor that converts a velocity in this unit to Å/ps. */
        public double toAngstromPerPs() { return toAngstromPerPs; }

        @Override public String toString() { return label; }

        /** Parses {@code A/fs}, {@code Å/fs}, {@code A/ps}, {@code Å/ps} (case-insensitive). */
        public static VelocityUnit parse(String s) {
            String t = s == null ? "" : s.strip().replace("Å", "A").replace("Ang", "A").toLowerCase(Locale.ROOT);
            switch (t) {
                case "a/fs": return ANGSTROM_PER_FS;
                case "a/ps": return ANGSTROM_PER_PS;
                default: throw new IllegalArgumentException("unknown velocity unit '" + s + "': use A/fs or A/ps");
            }
        }
    }

    /** One entry of a Properties spec: column offset, type letter and count. */
    record Property(String name, char type, int count, int column) {}

    private final TextLines lines;
    private final VelocityUnit velocityUnit;
    private final Map<String, String> speciesNames = new HashMap<>();
    private int frameIndex;
    private int refAtoms = -1;
    private String[] tok = new String[16];

    private ExtxyzReader(TextLines lines, VelocityUnit velocityUnit) {
        this.lines = lines;
        this.velocityUnit = velocityUnit;
    }

    /** Opens an extended XYZ file whose {@code vel} property is in {@code velocityUnit}. */
    public static ExtxyzReader open(Path file, VelocityUnit velocityUnit) throws IOException {
        if (velocityUnit == null) throw new IllegalArgumentException("velocity unit must be given");
        return new ExtxyzReader(new TextLines(file), velocityUnit);
    }

    @Override public String format() { return FORMAT; }

    @Override public String file() { return lines.file(); }

    @Override public double fractionRead() { return lines.fractionRead(); }

    @Override
    public Frame next() throws IOException {
        String s;
        do {
            s = lines.next();
        } while (s != null && s.isBlank());
        if (s == null) return null;
        lines.frame = frameIndex;
        long start = lines.lineNo();
        int n = atomCount(s);
        String comment = lines.next();
        if (comment == null) throw lines.error("the file ends after the atom count: the last frame is truncated");
        Map<String, String> kv;
        try {
            kv = parseComment(comment);
        } catch (IllegalArgumentException e) {
            throw lines.error("comment line: " + e.getMessage());
        }
        double[] lo = new double[3];
        double[] len = lattice(kv.get("lattice"));
        String pbc = kv.get("pbc");
        if (pbc != null && !pbc.strip().replaceAll("\\s+", " ").equalsIgnoreCase("T T T")) {
            throw lines.error("pbc=\"" + pbc + "\": only fully periodic cells (pbc=\"T T T\") can be ingested");
        }
        double timePs = Double.NaN;
        String time = kv.get("time");
        if (time != null) timePs = lines.parseDouble(time.strip(), "Time") * 1e-3;
        Columns c = columns(kv.get("properties"));
        if (tok.length < c.count() + 1) tok = new String[c.count() + 1];
        String[] sp = new String[n];
        double[] x = new double[3 * n];
        double[] v = c.vel() == null ? null : new double[3 * n];
        for (int i = 0; i < n; i++) readAtom(c, start, n, i, sp, x, v);
        if (refAtoms < 0) refAtoms = n;
        return new Frame(frameIndex++, start, Frame.NO_STEP, timePs, lo, len, null, sp, x, true, v);
    }

    /** The atom count on a frame's first line, checked against frame 0's. */
    private int atomCount(String s) throws TrajectoryFormatException {
        int n;
        try {
            n = Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw lines.error("expected the atom count at the start of a frame, found '" + LammpsDumpReader.abbreviate(s) + "'");
        }
        if (n <= 0 || n > Integer.MAX_VALUE / 3) throw lines.error("atom count " + n + " must be in 1.." + Integer.MAX_VALUE / 3);
        if (refAtoms >= 0 && n != refAtoms) {
            throw lines.error("frame has " + n + " atoms but frame 0 had " + refAtoms + ": the same atoms must be in every frame");
        }
        return n;
    }

    /** The columns of species, positions and velocities (null if absent) in an atom line, and the line's width. */
    private record Columns(Property species, Property pos, Property vel, int count) {}

    private Columns columns(String properties) throws TrajectoryFormatException {
        List<Property> props;
        try {
            props = parseProperties(properties == null ? "species:S:1:pos:R:3" : properties);
        } catch (IllegalArgumentException e) {
            throw lines.error("Properties: " + e.getMessage());
        }
        Property species = find(props, "species");
        Property pos = find(props, "pos");
        Property vel = find(props, "vel");
        if (vel == null) vel = find(props, "velocities");
        if (species == null || species.type != 'S' || species.count != 1) {
            throw lines.error("Properties must include species:S:1, got " + properties);
        }
        if (pos == null || pos.type != 'R' || pos.count != 3) {
            throw lines.error("Properties must include pos:R:3, got " + properties);
        }
        if (vel != null && (vel.type != 'R' || vel.count != 3)) {
            throw lines.error("property " + vel.name + " must be " + vel.name + ":R:3, got " + vel.name + ":" + vel.type + ":" + vel.count);
        }
        Property last = props.get(props.size() - 1);
        return new Columns(species, pos, vel, last.column + last.count);
    }

    /** Reads atom line i of a frame of n atoms that started at line {@code start}: species, position, velocity (Å/ps). */
    private void readAtom(Columns c, long start, int n, int i, String[] sp, double[] x, double[] v) throws IOException {
        String a = lines.next();
        if (a == null) {
            throw lines.error("the file ends after " + i + " of " + n + " atoms of frame " + frameIndex
                    + " (started at line " + start + "): the last frame is truncated");
        }
        int k = TextLines.split(a, tok);
        if (k != c.count()) {
            throw lines.error("atom line has " + (k < 0 ? "more than " + c.count() : Integer.toString(k))
                    + " values but Properties describe " + c.count() + " columns" + (k >= 0 && k < c.count() ? " (truncated?)" : ""));
        }
        sp[i] = speciesNames.computeIfAbsent(tok[c.species().column], String::new);
        double vf = velocityUnit.toAngstromPerPs();
        for (int d = 0; d < 3; d++) {
            x[3 * i + d] = lines.parseDouble(tok[c.pos().column + d], "pos " + "xyz".charAt(d));
            if (v != null) v[3 * i + d] = vf * lines.parseDouble(tok[c.vel().column + d], c.vel().name + " " + "xyz".charAt(d));
        }
    }

    private double[] lattice(String text) throws TrajectoryFormatException {
        if (text == null) throw lines.error("no Lattice=\"…\" in the comment line: the cell is unknown");
        String[] t = TextLines.tokens(text);
        if (t.length != 9) throw lines.error("Lattice must have 9 numbers, got " + t.length + ": \"" + text + "\"");
        double[] m = new double[9];
        for (int k = 0; k < 9; k++) m[k] = lines.parseDouble(t[k], "Lattice value " + (k + 1));
        double scale = Math.max(Math.abs(m[0]), Math.max(Math.abs(m[4]), Math.abs(m[8])));
        for (int k : new int[] {1, 2, 3, 5, 6, 7}) {
            if (Math.abs(m[k]) > 1e-9 * scale) {
                throw lines.error("Lattice=\"" + text.strip() + "\" is not orthorhombic (entry " + (k + 1) + " = " + t[k]
                        + "): triclinic cells are not supported");
            }
        }
        for (int d = 0; d < 3; d++) {
            if (!(m[4 * d] > 0)) throw lines.error("Lattice=\"" + text.strip() + "\": cell length " + t[4 * d] + " must be positive");
        }
        return new double[] {m[0], m[4], m[8]};
    }

    private static Property find(List<Property> props, String name) {
        for (Property p : props) if (p.name.equalsIgnoreCase(name)) return p;
        return null;
    }

    /**
     * Parses a Properties spec {@code name:type:count[:name:type:count…]} into columns.
     *
     * @throws IllegalArgumentException describing the problem
     */
    static List<Property> parseProperties(String spec) {
        List<Property> out = new ArrayList<>();
        int column = 0;
        for (io.ionflow.simulate.xyz.XyzStructure.Property p : io.ionflow.simulate.xyz.CommentLine.properties(spec)) {
            out.add(new Property(p.name(), p.type(), p.count(), column));
            column += p.count();
        }
        return out;
    }

    /**
     * Parses the comment line of an extended XYZ frame into key → value, keys lower-cased. Values may
     * be double-quoted (with {@code \"} escapes) or brace-delimited; a key without {@code =} maps to
     * {@code "T"}.
     *
     * @throws IllegalArgumentException on an unterminated quote or a duplicate key
     */
    static Map<String, String> parseComment(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0, n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n) return out;
            int start = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) i++;
            String key = line.substring(start, i);
            int j = i;
            while (j < n && Character.isWhitespace(line.charAt(j))) j++;
            String value;
            if (j < n && line.charAt(j) == '=') {
                j++;
                while (j < n && Character.isWhitespace(line.charAt(j))) j++;
                StringBuilder sb = new StringBuilder();
                if (j < n && line.charAt(j) == '"') {
                    j++;
                    boolean closed = false;
                    while (j < n) {
                        char c = line.charAt(j++);
                        if (c == '\\' && j < n) {
                            sb.append(line.charAt(j++));
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            sb.append(c);
                        }
                    }
                    if (!closed) throw new IllegalArgumentException("unterminated quote in the value of " + key);
                } else if (j < n && line.charAt(j) == '{') {
                    int close = line.indexOf('}', j);
                    if (close < 0) throw new IllegalArgumentException("unterminated '{' in the value of " + key);
                    sb.append(line, j + 1, close);
                    j = close + 1;
                } else {
                    while (j < n && !Character.isWhitespace(line.charAt(j))) sb.append(line.charAt(j++));
                }
                value = sb.toString();
                i = j;
            } else {
                value = "T";
            }
            if (key.isEmpty()) throw new IllegalArgumentException("a value without a key at column " + (start + 1));
            if (out.put(key.toLowerCase(Locale.ROOT), value) != null) {
                throw new IllegalArgumentException("key " + key + " appears twice");
            }
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
