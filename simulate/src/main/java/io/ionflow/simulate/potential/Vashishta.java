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
 * per-chunk buffers in a fixed order, so results are identical for any thread count. Three-body terms are not implemented: a file whose entries
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

    private static final int WORDS = 17;
    private final List<String> species;
    private final String text;
    private final String source;
    private final int nt;
    // per type-pair p = a*nt + b
    private final double[] h, eta, zz, lam1inv, d, lam4inv, w, rc, rc2, dvrc, c0;
    private final int[] etaInt; // η when integral (fast power), else -1
    private final double maxCut;

    private Vashishta(List<String> species, String text, String source, double[][] params) {
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
    }

    /** Parses a LAMMPS vashishta file for the given species (type-id order). */
    public static Vashishta parse(String text, String source, List<String> species) {
        if (species.isEmpty()) throw new PotentialException(source + ": no species to bind");
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
        int nt = species.size();
        double[][][][] table = new double[nt][nt][nt][];
        for (String[] e : entries) {
            int a = species.indexOf(e[0]), b = species.indexOf(e[1]), c = species.indexOf(e[2]);
            if (a < 0 || b < 0 || c < 0) continue; // entry for elements not in use, as LAMMPS does
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
            if (table[a][b][c] != null) {
                throw new PotentialException(source + ": duplicate entry " + e[0] + " " + e[1] + " " + e[2]);
            }
            if (q[9] != 0) {
                throw new PotentialException(source + ": entry " + e[0] + " " + e[1] + " " + e[2]
                        + " has a three-body term (B = " + q[9] + "); IonFlow implements only the two-body"
                        + " Vashishta terms — set B = 0 or use another engine");
            }
            table[a][b][c] = q;
        }
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
        return new Vashishta(species, text, source, params);
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

    @Override public String style() { return "vashishta"; }
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
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        int[] nbr = nl.neighbors(), sx = nl.shiftsX(), sy = nl.shiftsY(), sz = nl.shiftsZ();
        ChunkBuffers buf = nl.buffers(n);
        boolean wantVirial = virial != null;
        par.forRange(buf.chunks(), (cFrom, cTo) -> {
            for (int c = cFrom; c < cTo; c++) {
                double[] f = buf.clearedForces(c);
                double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
                for (int i = buf.chunkStart(c), iEnd = buf.chunkEnd(c); i < iEnd; i++) {
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
                        if (r2 > rc2[p]) continue;
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
                        f[3 * j] -= fxk;
                        f[3 * j + 1] -= fyk;
                        f[3 * j + 2] -= fzk;
                        if (wantVirial) { // r_ij ⊗ f_ij with r_ij = −d
                            vxx -= dx * fxk;
                            vyy -= dy * fyk;
                            vzz -= dz * fzk;
                            vxy -= dx * fyk;
                            vxz -= dx * fzk;
                            vyz -= dy * fzk;
                        }
                    }
                    f[3 * i] += fx;
                    f[3 * i + 1] += fy;
                    f[3 * i + 2] += fz;
                }
                buf.addEnergy(c, e);
                double[] v = buf.virial(c);
                v[0] = vxx; v[1] = vyy; v[2] = vzz; v[3] = vxy; v[4] = vxz; v[5] = vyz;
            }
        });
        return buf.reduce(forces, virial, par);
    }

    @Override
    public String toJson() {
        return PotentialStyles.json(style(), source, species, text);
    }
}
