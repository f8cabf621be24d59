package io.ionflow.simulate.potential;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.neighbor.ChunkBuffers;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.ArrayList;
import java.util.List;

/**
 * The two-body part of the Vashishta potential, read from a LAMMPS {@code pair_style vashishta} file
 * (metal units):
 * <pre>
 *   V(r) = H/r^η + Zi·Zj·k_e·e^{−r/λ1}/r − D·e^{−r/λ4}/r^4 − W/r^6,
 *   V_s(r) = V(r) − V(rc) − (r − rc)·V'(rc)    for r ≤ rc, 0 beyond,
 * </pre>
 * exactly as LAMMPS shifts it (energy and force zero at rc), with k_e = 14.399645 eV·Å. As in LAMMPS
 * the pair (a, b) takes its parameters from the file entry "a b b". Entries for (a, b, b) and (b, a, a)
 * must agree on the two-body parameters. Each pair is evaluated once (half list); forces are summed in
 * a fixed order ({@link ChunkBuffers}), so results are identical for any thread count. Three-body terms are not implemented: a file whose entries
 * for the bound species carry a non-zero B is refused.
 */
public final class Vashishta implements PairPotential {

    /** ServiceLoader registration of the {@code vashishta} style. */
    public static final class Style implements PotentialStyle {
        @Override public String name() { return "vashishta"; }

        @Override public Potential parse(String text, String source, List<String> species) {
            return Vashishta.parse(text, source, species);
        }
    }

    /**
     * ServiceLoader registration of {@code vashishta/table}: the same file and pair function, evaluated
     * from a table ({@link #tabulated(int)} with {@link #DEFAULT_TABLE_INTERVALS} intervals), as LAMMPS's
     * {@code pair_style vashishta/table} does. Faster, not identical to the exact form.
     */
    public static final class TableStyle implements PotentialStyle {
        @Override public String name() { return "vashishta/table"; }

        @Override public Potential parse(String text, String source, List<String> species) {
            return Vashishta.parse(text, source, species).tabulated(DEFAULT_TABLE_INTERVALS);
        }
    }

    /** Table intervals per pair of species for {@code vashishta/table}. */
    public static final int DEFAULT_TABLE_INTERVALS = 4096;
    /** Inner end of the table, Å; closer pairs (never seen in MD at sane temperatures) use the exact form. */
    public static final double TABLE_INNER_RADIUS = 1.0;

    private static final int WORDS = 17;
    private final List<String> species;
    private final String text;
    private final String source;
    private final int nt;
    // per type-pair p = a*nt + b
    private final double[] h, eta, zz, lam1inv, d, lam4inv, w, rc, rc2, dvrc, c0;
    private final int[] etaInt; // η when integral (fast power), else -1
    private final double maxCut;
    private final double[][] params;
    // tabulated form (null when exact): per pair p, intervals of 4 cubic coefficients of V_s(s = r²)
    private final double[][] table;
    private final double[] tabHinv; // intervals per Å² of pair p
    private final int tabN;

    private Vashishta(List<String> species, String text, String source, double[][] params) {
        this(species, text, source, params, 0);
    }

    private Vashishta(List<String> species, String text, String source, double[][] params, int intervals) {
        this.species = List.copyOf(species);
        this.text = text;
        this.source = source;
        this.nt = species.size();
        int np = nt * nt;
        h = new double[np]; eta = new double[np]; zz = new double[np]; lam1inv = new double[np];
        d = new double[np]; lam4inv = new double[np]; w = new double[np]; rc = new double[np];
        rc2 = new double[np]; dvrc = new double[np]; c0 = new double[np]; etaInt = new int[np];
        double mc = 0;
        for (int p = 0; p < np; p++) {
            double[] q = params[p];
            h[p] = q[0];
            eta[p] = q[1];
            zz[p] = q[2] * q[3] * Units.COULOMB;
            lam1inv[p] = q[4] == 0 ? 0 : 1 / q[4];
            d[p] = q[5];
            lam4inv[p] = q[6] == 0 ? 0 : 1 / q[6];
            w[p] = q[7];
            rc[p] = q[8];
            rc2[p] = q[8] * q[8];
            etaInt[p] = (eta[p] == Math.rint(eta[p]) && eta[p] >= 0 && eta[p] <= 64) ? (int) eta[p] : -1;
            double r = rc[p];
            if (r > 0) {
                double[] vd = raw(p, r);
                dvrc[p] = vd[1];
                c0[p] = r * vd[1] - vd[0];
            }
            mc = Math.max(mc, rc[p]);
        }
        this.maxCut = mc;
        this.params = params;
        this.tabN = intervals;
        this.tabHinv = new double[np];
        this.table = intervals > 0 ? new double[np][] : null;
        for (int p = 0; intervals > 0 && p < np; p++) {
            int a = p / nt, b = p % nt, q = b * nt + a;
            if (q < p) {
                table[p] = table[q]; // parameters of (a, b) and (b, a) agree
                tabHinv[p] = tabHinv[q];
            } else if (rc[p] > TABLE_INNER_RADIUS) {
                tabHinv[p] = intervals / (rc2[p] - TABLE_INNER_RADIUS * TABLE_INNER_RADIUS);
                table[p] = buildTable(p, intervals);
            }
        }
    }

    /**
     * This potential with its pair functions tabulated, as LAMMPS's {@code vashishta/table}: for each pair
     * of species, {@code intervals} equal intervals in s = r² from {@link #TABLE_INNER_RADIUS}² to rc², on
     * each a cubic Hermite interpolant of V_s(s) matching V_s and dV_s/ds = V_s'(r)/(2r) at both ends; the
     * force is the exact derivative of that interpolant (so energy is conserved as with the exact form).
     * Costs no sqrt, exp or division per pair. Accuracy: see {@code docs/benchmarks.md} (MD engine).
     */
    public Vashishta tabulated(int intervals) {
        if (intervals < 16) throw new IllegalArgumentException("table intervals must be >= 16, got " + intervals);
        return new Vashishta(species, text, source, params, intervals);
    }

    /** Table intervals per pair, 0 for the exact form. */
    public int tableIntervals() { return tabN; }

    /** Cubic coefficients c0..c3 (eV) per interval of V_s(s0 + (m + t)/hinv), t in [0, 1]. */
    private double[] buildTable(int p, int intervals) {
        double s0 = TABLE_INNER_RADIUS * TABLE_INNER_RADIUS, h = 1 / tabHinv[p];
        double[] tab = new double[4 * intervals];
        double ea = 0, ga = 0; // V_s and h·dV_s/ds at the left node
        for (int m = 0; m <= intervals; m++) {
            double sm = m == intervals ? rc2[p] : s0 + m * h;
            double r = Math.sqrt(sm);
            double[] vd = raw(p, r);
            double e = m == intervals ? 0 : vd[0] - r * dvrc[p] + c0[p];
            double g = m == intervals ? 0 : h * (vd[1] - dvrc[p]) / (2 * r);
            if (m > 0) {
                int o = 4 * (m - 1);
                tab[o] = ea;
                tab[o + 1] = ga;
                tab[o + 2] = 3 * (e - ea) - 2 * ga - g;
                tab[o + 3] = 2 * (ea - e) + ga + g;
            }
            ea = e;
            ga = g;
        }
        return tab;
    }

    /** Parses a LAMMPS vashishta file for the given species (type-id order). */
    public static Vashishta parse(String text, String source, List<String> species) {
        if (species.isEmpty()) throw new PotentialException(source + ": no species to bind");
        int nt = species.size();
        double[][][][] table = new double[nt][nt][nt][];
        for (String[] e : entries(text, source)) {
            int a = species.indexOf(e[0]), b = species.indexOf(e[1]), c = species.indexOf(e[2]);
            if (a < 0 || b < 0 || c < 0) continue; // entry for elements not in use, as LAMMPS does
            if (table[a][b][c] != null) {
                throw new PotentialException(source + ": duplicate entry " + e[0] + " " + e[1] + " " + e[2]);
            }
            table[a][b][c] = parameters(e, source);
        }
        return new Vashishta(species, text, source, pairParameters(table, species, source));
    }

    /** The file's entries of {@value #WORDS} words each (an entry may span lines; '#' starts a comment). */
    private static List<String[]> entries(String text, String source) {
        List<String[]> entries = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        int lineNo = 0, entryLine = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNo++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) continue;
            if (pending.isEmpty()) entryLine = lineNo;
            for (String word : line.split("\\s+")) pending.add(word);
            if (pending.size() == WORDS) {
                entries.add(pending.toArray(new String[0]));
                pending.clear();
            } else if (pending.size() > WORDS) {
                throw new PotentialException(source + ": entry starting at line " + entryLine + " has "
                        + pending.size() + " words, expected " + WORDS
                        + " (el1 el2 el3 H eta Zi Zj lambda1 D lambda4 W rc B gamma r0 C costheta)");
            }
        }
        if (!pending.isEmpty()) {
            throw new PotentialException(source + ": incomplete last entry (line " + entryLine + "): "
                    + pending.size() + " of " + WORDS + " words");
        }
        return entries;
    }

    /** The 14 numbers of one entry, checked as LAMMPS checks them; three-body terms are refused. */
    private static double[] parameters(String[] e, String source) {
        double[] q = new double[14];
        for (int k = 0; k < 14; k++) {
            try {
                q[k] = Double.parseDouble(e[3 + k]);
            } catch (NumberFormatException ex) {
                throw new PotentialException(source + ": entry " + e[0] + " " + e[1] + " " + e[2]
                        + ": parameter " + (k + 1) + " ('" + e[3 + k] + "') is not a number");
            }
            if (!Double.isFinite(q[k])) {
                throw new PotentialException(source + ": entry " + e[0] + " " + e[1] + " " + e[2] + " has a non-finite parameter");
            }
        }
        for (int k : new int[] {0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12}) {
            if (q[k] < 0) {
                throw new PotentialException(source + ": entry " + e[0] + " " + e[1] + " " + e[2]
                        + ": negative parameter " + q[k] + " (LAMMPS: Illegal Vashishta parameter)");
            }
        }
        if (q[9] != 0) {
            throw new PotentialException(source + ": entry " + e[0] + " " + e[1] + " " + e[2]
                    + " has a three-body term (B = " + q[9] + "); IonFlow implements only the two-body"
                    + " Vashishta terms — set B = 0 or use another engine");
        }
        return q;
    }

    /** The two-body parameters of each ordered pair (from entry a b b), every triplet present, a b b ≡ b a a. */
    private static double[][] pairParameters(double[][][][] table, List<String> species, String source) {
        int nt = species.size();
        double[][] params = new double[nt * nt][];
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                for (int c = 0; c < nt; c++) {
                    if (table[a][b][c] == null) {
                        throw new PotentialException(source + ": missing entry " + species.get(a) + " "
                                + species.get(b) + " " + species.get(c) + " (every triplet of " + species + " is required)");
                    }
                }
                params[a * nt + b] = table[a][b][b];
            }
        }
        for (int a = 0; a < nt; a++) {
            for (int b = a + 1; b < nt; b++) {
                double[] p = params[a * nt + b], q = params[b * nt + a];
                boolean same = p[0] == q[0] && p[1] == q[1] && p[2] * p[3] == q[2] * q[3] && p[4] == q[4]
                        && p[5] == q[5] && p[6] == q[6] && p[7] == q[7] && p[8] == q[8];
                if (!same) {
                    throw new PotentialException(source + ": entries " + species.get(a) + " " + species.get(b) + " "
                            + species.get(b) + " and " + species.get(b) + " " + species.get(a) + " " + species.get(a)
                            + " differ in their two-body parameters; the pair interaction would be ambiguous");
                }
            }
        }
        return params;
    }

    /** Unshifted V(r) and V'(r) of pair p. */
    private double[] raw(int p, double r) {
        double rinv = 1 / r;
        double reta = rpow(p, rinv);
        double r2inv = rinv * rinv, r4inv = r2inv * r2inv, r6inv = r4inv * r2inv;
        double vc2 = zz[p] * Math.exp(-r * lam1inv[p]) * rinv;
        double vc3 = d[p] == 0 ? 0 : d[p] * r4inv * Math.exp(-r * lam4inv[p]);
        double v = h[p] * reta + vc2 - vc3 - w[p] * r6inv;
        double dv = -eta[p] * h[p] * reta * rinv - vc2 * (rinv + lam1inv[p]) + vc3 * (4 * rinv + lam4inv[p])
                + 6 * w[p] * r6inv * rinv;
        return new double[] {v, dv};
    }

    private double rpow(int p, double rinv) {
        int k = etaInt[p];
        if (k < 0) return Math.pow(rinv, eta[p]);
        double result = 1, base = rinv;
        while (k > 0) {
            if ((k & 1) != 0) result *= base;
            base *= base;
            k >>= 1;
        }
        return result;
    }

    @Override public String style() { return table == null ? "vashishta" : "vashishta/table"; }
    @Override public List<String> species() { return species; }
    @Override public double cutoff() { return maxCut; }
    @Override public double pairCutoff(int a, int b) { return rc[a * nt + b]; }

    @Override
    public double pairEnergy(int a, int b, double r) {
        int p = a * nt + b;
        if (r > rc[p]) return 0;
        return raw(p, r)[0] - r * dvrc[p] + c0[p];
    }

    @Override
    public double pairDerivative(int a, int b, double r) {
        int p = a * nt + b;
        if (r > rc[p]) return 0;
        return raw(p, r)[1] - dvrc[p];
    }

    @Override
    public double pairSecondDerivative(int a, int b, double r) {
        int p = a * nt + b;
        if (r > rc[p]) return 0;
        double rinv = 1 / r;
        double reta = rpow(p, rinv);
        double r2inv = rinv * rinv, r4inv = r2inv * r2inv, r8inv = r4inv * r4inv;
        double vc2 = zz[p] * Math.exp(-r * lam1inv[p]) * rinv;
        double vc3 = d[p] == 0 ? 0 : d[p] * r4inv * Math.exp(-r * lam4inv[p]);
        double a1 = rinv + lam1inv[p], a4 = 4 * rinv + lam4inv[p];
        return eta[p] * (eta[p] + 1) * h[p] * reta * r2inv
                + vc2 * (a1 * a1 + r2inv)
                - vc3 * (a4 * a4 + 4 * r2inv)
                - 42 * w[p] * r8inv;
    }

    @Override
    public double compute(Structure s, NeighborList nl, double[] forces, double[] virial, Parallel par) {
        int n = s.size();
        if (nl.cutoff() < maxCut) {
            throw new IllegalArgumentException("neighbour list cutoff " + nl.cutoff() + " Å is below the potential's " + maxCut + " Å");
        }
        if (s.speciesCount() != nt) {
            throw new IllegalArgumentException("structure has " + s.speciesCount() + " species, potential is bound to " + species);
        }
        double[] x = s.positions();
        int[] type = s.types();
        Box box = s.box();
        ChunkBuffers buf = nl.buffers(n);
        double[] pf = buf.pairForces(nl.size());
        boolean wantVirial = virial != null;
        par.forTasks(buf.chunks(), (cFrom, cTo) -> {
            for (int c = cFrom; c < cTo; c++) {
                double[] v = buf.virial(c);
                buf.setEnergy(c, table != null
                        ? pairChunkTable(x, type, box, nl, pf, forces, buf.chunkStart(c), buf.chunkEnd(c), wantVirial ? v : null)
                        : pairChunk(x, type, box, nl, pf, forces, buf.chunkStart(c), buf.chunkEnd(c), wantVirial ? v : null));
            }
        });
        return buf.reduce(nl, forces, virial, par);
    }

    /**
     * Exact pair terms of the atoms [from, to) over their half-list entries: writes each atom's own force
     * sum (eV/Å) into {@code forces}, each entry's force on its owner into {@code pf} at the entry's reverse slot
     * (zero beyond the cutoff), the chunk virial (eV) into {@code v} when non-null; returns the chunk energy, eV.
     */
    private double pairChunk(double[] x, int[] type, Box box, NeighborList nl, double[] pf, double[] forces,
                             int from, int to, double[] v) {
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        int[] nbr = nl.neighbors(), sx = nl.shiftsX(), sy = nl.shiftsY(), sz = nl.shiftsZ(), slot = nl.reverseSlots();
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int i = from; i < to; i++) {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            int ti = type[i] * nt;
            double fx = 0, fy = 0, fz = 0;
            for (int k = nl.start(i), end = nl.end(i); k < end; k++) {
                int j = nbr[k];
                int p = ti + type[j];
                double dx = x[3 * j] - xi + sx[k] * lx;
                double dy = x[3 * j + 1] - yi + sy[k] * ly;
                double dz = x[3 * j + 2] - zi + sz[k] * lz;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 > rc2[p]) {
                    int q = 3 * slot[k];
                    pf[q] = 0;
                    pf[q + 1] = 0;
                    pf[q + 2] = 0;
                    continue;
                }
                double r = Math.sqrt(r2);
                double rinv = 1 / r;
                double reta = rpow(p, rinv);
                double r2inv = rinv * rinv, r4inv = r2inv * r2inv, r6inv = r4inv * r2inv;
                double vc2 = zz[p] * Math.exp(-r * lam1inv[p]) * rinv;
                double vc3 = d[p] == 0 ? 0 : lam4inv[p] == 0 ? d[p] * r4inv : d[p] * r4inv * Math.exp(-r * lam4inv[p]);
                e += h[p] * reta + vc2 - vc3 - w[p] * r6inv - r * dvrc[p] + c0[p];
                double dv = -eta[p] * h[p] * reta * rinv - vc2 * (rinv + lam1inv[p])
                        + vc3 * (4 * rinv + lam4inv[p]) + 6 * w[p] * r6inv * rinv - dvrc[p];
                double fr = dv * rinv; // force on i = dV/dr · d/r, on j the opposite
                double fxk = fr * dx, fyk = fr * dy, fzk = fr * dz;
                fx += fxk;
                fy += fyk;
                fz += fzk;
                int q = 3 * slot[k];
                pf[q] = fxk;
                pf[q + 1] = fyk;
                pf[q + 2] = fzk;
                vxx -= dx * fxk; // r_ij ⊗ f_ij with r_ij = −d
                vyy -= dy * fyk;
                vzz -= dz * fzk;
                vxy -= dx * fyk;
                vxz -= dx * fzk;
                vyz -= dy * fzk;
            }
            forces[3 * i] = fx;
            forces[3 * i + 1] = fy;
            forces[3 * i + 2] = fz;
        }
        if (v != null) {
            v[0] = vxx; v[1] = vyy; v[2] = vzz; v[3] = vxy; v[4] = vxz; v[5] = vyz;
        }
        return e;
    }

    /** As {@link #pairChunk}, with the pair function from the table (exact form below the table's inner radius). */
    private double pairChunkTable(double[] x, int[] type, Box box, NeighborList nl, double[] pf, double[] forces,
                                  int from, int to, double[] v) {
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        int[] nbr = nl.neighbors(), sx = nl.shiftsX(), sy = nl.shiftsY(), sz = nl.shiftsZ(), slot = nl.reverseSlots();
        double s0 = TABLE_INNER_RADIUS * TABLE_INNER_RADIUS;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int i = from; i < to; i++) {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            int ti = type[i] * nt;
            double fx = 0, fy = 0, fz = 0;
            for (int k = nl.start(i), end = nl.end(i); k < end; k++) {
                int j = nbr[k];
                int p = ti + type[j];
                double dx = x[3 * j] - xi + sx[k] * lx;
                double dy = x[3 * j + 1] - yi + sy[k] * ly;
                double dz = x[3 * j + 2] - zi + sz[k] * lz;
                double r2 = dx * dx + dy * dy + dz * dz;
                double fr;
                if (r2 >= rc2[p]) {
                    fr = 0;
                } else if (r2 >= s0) {
                    double u = (r2 - s0) * tabHinv[p];
                    int m = Math.min((int) u, tabN - 1);
                    double t = u - m;
                    double[] tab = table[p];
                    int o = 4 * m;
                    double c1 = tab[o + 1], c2 = tab[o + 2], c3 = tab[o + 3];
                    e += tab[o] + t * (c1 + t * (c2 + t * c3));
                    fr = 2 * tabHinv[p] * (c1 + t * (2 * c2 + 3 * t * c3)); // V'(r)/r = 2 dV/ds
                } else {
                    double r = Math.sqrt(r2);
                    e += pairEnergy(type[i], type[j], r);
                    fr = pairDerivative(type[i], type[j], r) / r;
                }
                double fxk = fr * dx, fyk = fr * dy, fzk = fr * dz;
                fx += fxk;
                fy += fyk;
                fz += fzk;
                int q = 3 * slot[k];
                pf[q] = fxk;
                pf[q + 1] = fyk;
                pf[q + 2] = fzk;
                vxx -= dx * fxk;
                vyy -= dy * fyk;
                vzz -= dz * fzk;
                vxy -= dx * fyk;
                vxz -= dx * fzk;
                vyz -= dy * fzk;
            }
            forces[3 * i] = fx;
            forces[3 * i + 1] = fy;
            forces[3 * i + 2] = fz;
        }
        if (v != null) {
            v[0] = vxx; v[1] = vyy; v[2] = vzz; v[3] = vxy; v[4] = vxz; v[5] = vyz;
        }
        return e;
    }

    @Override
    public String toJson() {
        return PotentialStyles.json(style(), source, species, text);
    }
}
