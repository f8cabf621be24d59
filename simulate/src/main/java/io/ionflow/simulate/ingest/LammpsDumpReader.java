package io.ionflow.simulate.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a LAMMPS text dump ({@code dump atom} or {@code dump custom}, units metal), one frame at a
 * time; a name ending in {@code .gz} is read through gzip.
 *
 * <p>Each frame is {@code ITEM: TIMESTEP}, {@code ITEM: NUMBER OF ATOMS}, {@code ITEM: BOX BOUNDS}
 * and {@code ITEM: ATOMS <columns>} (optionally preceded by {@code ITEM: UNITS}, which must be
 * {@code metal}, and {@code ITEM: TIME}, the elapsed time in ps). The {@code ATOMS} columns may come
 * in any order; the reader uses:
 * <ul>
 *   <li>{@code id} (required): atoms are sorted by id into 0-based atom indices; every frame must
 *       hold the same set of ids (in any order);</li>
 *   <li>species from {@code element}, else from {@code type} mapped through the type names given
 *       to {@link #open} (type 1 → first name);</li>
 *   <li>positions, first match wins: {@code xu yu zu} (unwrapped), {@code xsu ysu zsu} (scaled
 *       unwrapped), {@code x y z} or {@code xs ys zs} with image flags {@code ix iy iz} (unwrapped
 *       as x + ix·Lx), {@code x y z} or {@code xs ys zs} without image flags (wrapped: the frame is
 *       marked {@link Frame#wrapped()} for {@link Unwrapper});</li>
 *   <li>velocities {@code vx vy vz} in Å/ps (metal units), else none.</li>
 * </ul>
 * Only orthorhombic, fully periodic boxes ({@code ITEM: BOX BOUNDS pp pp pp}) are accepted; a
 * triclinic box ({@code xy xz yz}) is refused. Every frame must have the same {@code ATOMS} columns.
 * Other columns are ignored.
 */
public final class LammpsDumpReader implements TrajectorySource {
    public static final String FORMAT = "lammps-dump";

    private enum Positions {
        UNWRAPPED("xu", "yu", "zu"), SCALED_UNWRAPPED("xsu", "ysu", "zsu"),
        CARTESIAN("x", "y", "z"), SCALED("xs", "ys", "zs");

        final String[] names;

        Positions(String... names) { this.names = names; }

        boolean scaled() { return this == SCALED || this == SCALED_UNWRAPPED; }
    }

    private final TextLines lines;
    private final String[] typeNames;
    private final Map<String, String> speciesNames = new HashMap<>();
    private int frameIndex;
    private long[] refIds;
    private String refColumns;
    private boolean usesElement;
    private String[] tok = new String[32];

    private LammpsDumpReader(TextLines lines, String[] typeNames) {
        this.lines = lines;
        this.typeNames = typeNames;
    }

    /**
     * Opens a dump file.
     *
     * @param typeNames species of LAMMPS types 1, 2, …, used when the dump has no {@code element}
     *                  column; may be null or empty when it has one
     */
    public static LammpsDumpReader open(Path file, List<String> typeNames) throws IOException {
        String[] names = typeNames == null ? new String[0] : typeNames.toArray(new String[0]);
        for (String n : names) {
            if (n == null || n.isBlank() || !n.strip().equals(n) || n.contains(",")) {
                throw new IllegalArgumentException("invalid species name '" + n + "' in the type names " + typeNames);
            }
        }
        return new LammpsDumpReader(new TextLines(file), names);
    }

    @Override public String format() { return FORMAT; }

    @Override public String file() { return lines.file(); }

    @Override public double fractionRead() { return lines.fractionRead(); }

    /** The type names when the dump's species come from its {@code type} column, else empty. */
    @Override
    public List<String> declaredSpecies() {
        return refColumns != null && !usesElement ? List.of(typeNames) : List.of();
    }

    @Override
    public Frame next() throws IOException {
        String s;
        do {
            s = lines.next();
        } while (s != null && s.isBlank());
        if (s == null) return null;
        lines.frame = frameIndex;
        long start = lines.lineNo();
        long step = Frame.NO_STEP;
        double timePs = Double.NaN;
        long nAtoms = -1;
        double[] lo = null, len = null;
        while (true) {
            if (!s.startsWith("ITEM:")) {
                throw lines.error("expected an 'ITEM:' line" + (lines.lineNo() == start ? " at the start of a frame" : "")
                        + ", found '" + abbreviate(s) + "' (not a LAMMPS text dump, or more atom lines than NUMBER OF ATOMS?)");
            }
            String item = s.substring(5).strip();
            if (item.equals("TIMESTEP")) {
                if (step != Frame.NO_STEP) throw missingAtoms(start);
                step = lines.parseLong(oneValue("TIMESTEP"), "TIMESTEP");
            } else if (item.equals("NUMBER OF ATOMS")) {
                nAtoms = lines.parseLong(oneValue("NUMBER OF ATOMS"), "NUMBER OF ATOMS");
                if (nAtoms <= 0 || nAtoms > Integer.MAX_VALUE / 3) {
                    throw lines.error("NUMBER OF ATOMS is " + nAtoms + " (must be in 1.." + Integer.MAX_VALUE / 3 + ")");
                }
                if (refIds != null && nAtoms != refIds.length) {
                    throw lines.error("NUMBER OF ATOMS is " + nAtoms + " but frame 0 had " + refIds.length
                            + ": the same atoms must be in every frame");
                }
            } else if (item.startsWith("BOX BOUNDS")) {
                lo = new double[3];
                len = new double[3];
                readBox(item.substring("BOX BOUNDS".length()), lo, len);
            } else if (item.equals("UNITS")) {
                String u = oneValue("UNITS");
                if (!u.equals("metal")) {
                    throw lines.error("units '" + u + "': only LAMMPS metal units (Å, ps, Å/ps) can be ingested");
                }
            } else if (item.equals("TIME")) {
                timePs = lines.parseDouble(oneValue("TIME"), "TIME");
            } else if (item.equals("ATOMS") || item.startsWith("ATOMS ")) {
                if (step == Frame.NO_STEP) throw lines.error("frame has no 'ITEM: TIMESTEP' before 'ITEM: ATOMS'");
                if (nAtoms < 0) throw lines.error("frame has no 'ITEM: NUMBER OF ATOMS' before 'ITEM: ATOMS'");
                if (lo == null) throw lines.error("frame has no 'ITEM: BOX BOUNDS' before 'ITEM: ATOMS'");
                Frame f = readAtoms(item.substring(5).strip(), start, step, timePs, (int) nAtoms, lo, len);
                frameIndex++;
                return f;
            } else {
                throw lines.error("unknown item 'ITEM: " + item + "' (expected TIMESTEP, NUMBER OF ATOMS, BOX BOUNDS,"
                        + " ATOMS, UNITS or TIME)");
            }
            s = lines.next();
            if (s == null) {
                throw lines.error("the file ends inside the header of frame " + frameIndex + " (started at line " + start
                        + "): the last frame is truncated");
            }
        }
    }

    private TrajectoryFormatException missingAtoms(long start) {
        return lines.error("a second 'ITEM: TIMESTEP' before 'ITEM: ATOMS': the frame that started at line " + start
                + " has no atoms section (truncated?)");
    }

    /** The single value on the line after an item header. */
    private String oneValue(String item) throws IOException {
        String v = lines.next();
        if (v == null) throw lines.error("the file ends after 'ITEM: " + item + "': the last frame is truncated");
        String t = v.strip();
        if (t.isEmpty() || t.indexOf(' ') >= 0 || t.indexOf('\t') >= 0) {
            throw lines.error("expected one value after 'ITEM: " + item + "', found '" + abbreviate(v) + "'");
        }
        return t;
    }

    private void readBox(String flagsText, double[] lo, double[] len) throws IOException {
        String[] flags = TextLines.tokens(flagsText);
        for (String f : flags) {
            if (f.equals("xy") || f.equals("xz") || f.equals("yz") || f.equals("abc") || f.equals("origin")) {
                throw lines.error("triclinic box ('ITEM: BOX BOUNDS " + flagsText.strip() + "'): only orthorhombic"
                        + " boxes (ITEM: BOX BOUNDS pp pp pp) can be ingested");
            }
        }
        if (flags.length != 0 && flags.length != 3) {
            throw lines.error("'ITEM: BOX BOUNDS " + flagsText.strip() + "': expected three boundary flags such as pp pp pp");
        }
        for (int d = 0; d < flags.length; d++) {
            if (!flags[d].equals("pp")) {
                throw lines.error("boundary '" + flags[d] + "' along " + "xyz".charAt(d) + " is not periodic: only fully"
                        + " periodic boxes (pp pp pp) can be ingested");
            }
        }
        for (int d = 0; d < 3; d++) {
            String s = lines.next();
            if (s == null) throw lines.error("the file ends inside 'ITEM: BOX BOUNDS': the last frame is truncated");
            String[] t = TextLines.tokens(s);
            if (t.length == 3) {
                throw lines.error("box bounds line has 3 values (a triclinic tilt factor): only orthorhombic boxes can be"
                        + " ingested");
            }
            if (t.length != 2) {
                throw lines.error("expected '" + "xyz".charAt(d) + "lo " + "xyz".charAt(d) + "hi', found '" + abbreviate(s) + "'");
            }
            double a = lines.parseDouble(t[0], "xyz".charAt(d) + "lo");
            double b = lines.parseDouble(t[1], "xyz".charAt(d) + "hi");
            if (!(b > a)) throw lines.error("box bounds " + a + " " + b + ": the upper bound must exceed the lower one");
            lo[d] = a;
            len[d] = b - a;
        }
    }

    private Frame readAtoms(String columnsText, long start, long step, double timePs, int n, double[] lo, double[] len)
            throws IOException {
        long headerLine = lines.lineNo();
        AtomColumns c = atomColumns(columnsText);
        if (tok.length < c.count() + 1) tok = new String[c.count() + 1];
        long[] fileIds = new long[n];
        String[] fileSpecies = new String[n];
        double[] filePos = new double[3 * n];
        double[] fileVel = c.vel() == null ? null : new double[3 * n];
        for (int r = 0; r < n; r++) {
            String s = lines.next();
            if (s == null) {
                throw lines.error("the file ends after " + r + " of " + n + " atoms of frame " + frameIndex
                        + " ('ITEM: ATOMS' on line " + headerLine + "): the last frame is truncated");
            }
            int k = TextLines.split(s, tok);
            if (k != c.count()) {
                if (s.startsWith("ITEM:")) {
                    throw lines.error("'" + abbreviate(s) + "' after " + r + " of " + n + " atoms: frame " + frameIndex
                            + " has fewer atom lines than its NUMBER OF ATOMS");
                }
                throw lines.error("atom line has " + (k < 0 ? "more than " + c.count() : Integer.toString(k))
                        + " values but 'ITEM: ATOMS' names " + c.count() + " columns" + (r == n - 1 ? " (truncated?)" : ""));
            }
            fileIds[r] = lines.parseLong(tok[c.id()], "atom id");
            fileSpecies[r] = species(c);
            readVectors(c, lo, len, filePos, fileVel, r);
        }
        return toFrame(start, headerLine, step, timePs, lo, len, fileIds, fileSpecies, filePos, c.wrapped(), fileVel);
    }

    /**
     * Where an atom line keeps what: column indices of id, element or type, positions (in which convention), image
     * flags and velocities (null when absent); {@code wrapped}: positions wrapped into the box without image flags.
     */
    private record AtomColumns(int count, int id, Integer element, Integer type, Positions mode, int[] pos, int[] img,
                               int[] vel, boolean wrapped) {}

    /** Reads the 'ITEM: ATOMS' column names, checking them against frame 0's and what an ingest needs. */
    private AtomColumns atomColumns(String columnsText) throws IOException {
        String[] cols = TextLines.tokens(columnsText);
        String joined = String.join(" ", cols);
        if (refColumns != null && !refColumns.equals(joined)) {
            throw lines.error("the ATOMS columns '" + joined + "' differ from frame 0's '" + refColumns
                    + "': every frame must have the same columns");
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < cols.length; i++) {
            if (at.putIfAbsent(cols[i], i) != null) throw lines.error("column '" + cols[i] + "' appears twice in 'ITEM: ATOMS'");
        }
        Integer idCol = at.get("id");
        if (idCol == null) {
            throw lines.error("no 'id' column in 'ITEM: ATOMS " + joined + "': atoms are identified by id (dump ... id ...)");
        }
        Integer elementCol = at.get("element");
        Integer typeCol = at.get("type");
        if (elementCol == null) {
            if (typeCol == null) {
                throw lines.error("no 'element' or 'type' column in 'ITEM: ATOMS " + joined + "': the species are unknown");
            }
            if (typeNames.length == 0) {
                throw lines.error("the dump has atom types but no 'element' column: name the types in order"
                        + " (type 1 first), e.g. --types Ag,Te");
            }
        }
        Positions mode = null;
        int[] posCols = null;
        for (Positions p : Positions.values()) {
            posCols = triple(at, p.names);
            if (posCols != null) {
                mode = p;
                break;
            }
        }
        if (mode == null) {
            throw lines.error("no positions in 'ITEM: ATOMS " + joined + "': expected x y z, xu yu zu, xs ys zs or xsu ysu zsu");
        }
        int[] imgCols = mode == Positions.CARTESIAN || mode == Positions.SCALED ? triple(at, "ix", "iy", "iz") : null;
        boolean wrapped = (mode == Positions.CARTESIAN || mode == Positions.SCALED) && imgCols == null;
        if (refColumns == null) {
            refColumns = joined;
            usesElement = elementCol != null;
        }
        return new AtomColumns(cols.length, idCol, elementCol, typeCol, mode, posCols, imgCols, triple(at, "vx", "vy", "vz"), wrapped);
    }

    /** The species of the atom line in {@code tok}: its element, or the name given to its type. */
    private String species(AtomColumns c) throws IOException {
        if (c.element() != null) return speciesNames.computeIfAbsent(tok[c.element()], String::new);
        int t = lines.parseInt(tok[c.type()], "atom type");
        if (t < 1 || t > typeNames.length) {
            throw lines.error("atom type " + t + " but the types are named " + String.join(",", typeNames)
                    + " (type 1 → " + typeNames[0] + "): give a name for every type with --types");
        }
        return typeNames[t - 1];
    }

    /** Position (Cartesian, image flags applied) and velocity of the atom line in {@code tok}, into slot r. */
    private void readVectors(AtomColumns c, double[] lo, double[] len, double[] filePos, double[] fileVel, int r)
            throws IOException {
        for (int d = 0; d < 3; d++) {
            double v = lines.parseDouble(tok[c.pos()[d]], c.mode().names[d]);
            if (c.img() != null) {
                int img = lines.parseInt(tok[c.img()[d]], "image flag i" + "xyz".charAt(d));
                v = c.mode().scaled() ? lo[d] + (v + img) * len[d] : v + img * len[d];
            } else if (c.mode().scaled()) {
                v = lo[d] + v * len[d];
            }
            filePos[3 * r + d] = v;
            if (fileVel != null) fileVel[3 * r + d] = lines.parseDouble(tok[c.vel()[d]], "v" + "xyz".charAt(d));
        }
    }

    /** Sorts the atoms of one frame by id, checking that the ids are those of frame 0. */
    private Frame toFrame(long start, long headerLine, long step, double timePs, double[] lo, double[] len, long[] fileIds,
                          String[] fileSpecies, double[] filePos, boolean wrapped, double[] fileVel)
            throws TrajectoryFormatException {
        int n = fileIds.length;
        if (refIds == null) {
            long[] sorted = fileIds.clone();
            Arrays.sort(sorted);
            for (int i = 1; i < n; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    throw duplicate(sorted[i], fileIds, headerLine);
                }
            }
            refIds = sorted;
        }
        String[] species = new String[n];
        double[] pos = new double[3 * n];
        double[] vel = fileVel == null ? null : new double[3 * n];
        boolean[] seen = new boolean[n];
        for (int r = 0; r < n; r++) {
            int i = Arrays.binarySearch(refIds, fileIds[r]);
            if (i < 0) {
                throw lines.error(headerLine + 1 + r, "atom id " + fileIds[r] + " is not in frame 0: every frame must hold"
                        + " the same atom ids");
            }
            if (seen[i]) throw duplicate(fileIds[r], fileIds, headerLine);
            seen[i] = true;
            species[i] = fileSpecies[r];
            System.arraycopy(filePos, 3 * r, pos, 3 * i, 3);
            if (vel != null) System.arraycopy(fileVel, 3 * r, vel, 3 * i, 3);
        }
        return new Frame(frameIndex, start, step, timePs, lo, len, refIds, species, pos, wrapped, vel);
    }

    private TrajectoryFormatException duplicate(long id, long[] fileIds, long headerLine) {
        List<Long> where = new ArrayList<>();
        for (int r = 0; r < fileIds.length && where.size() < 2; r++) {
            if (fileIds[r] == id) where.add(headerLine + 1 + r);
        }
        return lines.error(where.get(where.size() - 1), "atom id " + id + " appears twice in frame " + frameIndex
                + " (lines " + where.get(0) + " and " + where.get(where.size() - 1) + ")");
    }

    /** Column indices of three names, null when none is present; an error when only some are. */
    private int[] triple(Map<String, Integer> at, String... names) throws TrajectoryFormatException {
        int[] out = new int[3];
        int found = 0;
        for (int d = 0; d < 3; d++) {
            Integer i = at.get(names[d]);
            out[d] = i == null ? -1 : i;
            if (i != null) found++;
        }
        if (found == 0) return null;
        if (found < 3) {
            List<String> missing = new ArrayList<>();
            for (int d = 0; d < 3; d++) if (out[d] < 0) missing.add(names[d]);
            throw lines.error("'ITEM: ATOMS' has " + String.join("/", names) + " columns but lacks " + String.join(", ", missing));
        }
        return out;
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
