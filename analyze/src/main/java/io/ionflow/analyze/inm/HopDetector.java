package io.ionflow.analyze.inm;

import io.ionflow.simulate.structure.Box;

/**
 * Detects cation (Ag) hops between the tetrahedral (8c) sites of the anion (Te) fcc framework of an
 * antifluorite crystal.
 *
 * <p><b>Sites.</b> The tetrahedral sites of an fcc lattice with conventional constant a (origin o on an
 * anion site) are the centres of its Te₄ tetrahedra, o + (¼,¼,¼)a + (a/2)·(s_x, s_y, s_z) for all
 * integers s: a simple-cubic lattice of spacing a/2. Instead of rebuilding each centroid from the four
 * instantaneous Te positions, this detector uses the <em>ideal</em> sites of the framework corrected for
 * the framework's centre-of-mass motion: o(t) = o_ref + [R_Te(t) − R_Te(ref)], with R_Te the mean
 * unwrapped position of the Te atoms present. o_ref is the per-axis circular mean of the reference Te
 * positions modulo a/2 (the 8c lattice is invariant under a shift of a/2 along any axis, so that is all
 * that matters). A Te vacancy removes no 8c site (the site is still the centre of the ideal tetrahedron);
 * it only drops out of the centre of mass. An empty 8c site (cation vacancy or a cation elsewhere) is
 * simply not occupied.
 *
 * <p><b>Hop.</b> Each cation's site is the nearest 8c site, identified by its unwrapped integer index s
 * (so a cation crossing the periodic boundary does not "hop"); a hop in an interval is a change of that
 * index between the two frames (one hop per cation per interval, however many sites it moved).
 * Thermal rattling around a site keeps the index; a cation sitting near the 48i saddle may flicker, so
 * choose the frame interval well above a vibrational period. The alternative criterion
 * {@link #hopsByDisplacement} flags a cation whose displacement relative to the framework,
 * |Δr_i − ΔR_Te|, exceeds a threshold (default {@value #DEFAULT_DISPLACEMENT_THRESHOLD} Å, a bit less than
 * half of the 3.3 Å between neighbouring 8c sites at a ≈ 6.6 Å, and several times the thermal rms
 * amplitude).
 */
public final class HopDetector {
    /** Default displacement threshold, Å. */
    public static final double DEFAULT_DISPLACEMENT_THRESHOLD = 1.5;

    private final double[] a;
    private final double[] originRef;
    private final double[] comRef;
    private final int[] cations;
    private final int[] anions;
    private final int atoms;

    private HopDetector(double[] a, double[] originRef, double[] comRef, int[] cations, int[] anions, int atoms) {
        this.a = a;
        this.originRef = originRef;
        this.comRef = comRef;
        this.cations = cations;
        this.anions = anions;
        this.atoms = atoms;
    }

    /**
     * @param latticeA      conventional lattice constant along x, y, z, Å
     * @param reference     reference frame positions (3N, unwrapped, Å): fixes o_ref and R_Te(ref)
     * @param types         species id per atom
     * @param cationType    id of the mobile cation (Ag)
     * @param anionType     id of the framework anion (Te)
     */
    public static HopDetector antifluorite(double[] latticeA, double[] reference, int[] types, int cationType,
                                           int anionType) {
        if (latticeA.length != 3 || !(latticeA[0] > 0 && latticeA[1] > 0 && latticeA[2] > 0)) {
            throw new IllegalArgumentException("need three positive lattice constants");
        }
        if (reference.length != 3 * types.length) {
            throw new IllegalArgumentException("reference must have 3 × " + types.length + " entries");
        }
        int[] cat = io.ionflow.analyze.Species.atomsOf(types, cationType);
        int[] an = io.ionflow.analyze.Species.atomsOf(types, anionType);
        if (an.length == 0) {
            throw new IllegalArgumentException("no anions of type " + anionType + ": no framework");
        }
        double[] o = new double[3];
        for (int c = 0; c < 3; c++) {
            double period = latticeA[c] / 2;
            double sn = 0, cs = 0;
            for (int i : an) {
                double ph = 2 * Math.PI * reference[3 * i + c] / period;
                sn += Math.sin(ph);
                cs += Math.cos(ph);
            }
            o[c] = period / (2 * Math.PI) * Math.atan2(sn, cs);
        }
        return new HopDetector(latticeA.clone(), o, com(reference, an), cat, an, types.length);
    }

    /** Convenience: lattice constant = box length / number of conventional cells along each axis. */
    public static HopDetector antifluorite(Box box, int[] cells, double[] reference, int[] types, int cationType,
                                           int anionType) {
        return antifluorite(new double[] {box.lx() / cells[0], box.ly() / cells[1], box.lz() / cells[2]}, reference,
                types, cationType, anionType);
    }

    private static double[] com(double[] x, int[] idx) {
        double[] r = new double[3];
        for (int i : idx) {
            r[0] += x[3 * i];
            r[1] += x[3 * i + 1];
            r[2] += x[3 * i + 2];
        }
        for (int c = 0; c < 3; c++) {
            r[c] /= idx.length;
        }
        return r;
    }

    /** Atom indices of the cations, in the order used by every per-cation result. */
    public int[] cations() {
        return cations.clone();
    }

    /** Framework origin o(t) for a frame, Å. */
    public double[] frameworkOrigin(double[] positions) {
        check(positions);
        double[] r = com(positions, anions);
        return new double[] {originRef[0] + r[0] - comRef[0], originRef[1] + r[1] - comRef[1],
            originRef[2] + r[2] - comRef[2]};
    }

    /** Unwrapped integer 8c-site index (s_x, s_y, s_z) of every cation, flattened (3 per cation). */
    public int[] sites(double[] positions) {
        double[] o = frameworkOrigin(positions);
        int[] s = new int[3 * cations.length];
        for (int q = 0; q < cations.length; q++) {
            int i = cations[q];
            for (int c = 0; c < 3; c++) {
                s[3 * q + c] = (int) Math.round((positions[3 * i + c] - o[c] - a[c] / 4) / (a[c] / 2));
            }
        }
        return s;
    }

    /** Cartesian position of 8c site index s in a frame (Å). */
    public double[] sitePosition(double[] positions, int sx, int sy, int sz) {
        double[] o = frameworkOrigin(positions);
        return new double[] {o[0] + a[0] / 4 + sx * a[0] / 2, o[1] + a[1] / 4 + sy * a[1] / 2,
            o[2] + a[2] / 4 + sz * a[2] / 2};
    }

    /** Per cation: did its nearest 8c site change between the two frames? */
    public boolean[] hops(double[] from, double[] to) {
        int[] s0 = sites(from), s1 = sites(to);
        boolean[] h = new boolean[cations.length];
        for (int q = 0; q < h.length; q++) {
            h[q] = s0[3 * q] != s1[3 * q] || s0[3 * q + 1] != s1[3 * q + 1] || s0[3 * q + 2] != s1[3 * q + 2];
        }
        return h;
    }

    /** Number of cations that hopped between the two frames. */
    public int countHops(double[] from, double[] to) {
        return count(hops(from, to));
    }

    /** Per cation: |Δr_i − ΔR_Te| &gt; threshold (Å) between the two frames. */
    public boolean[] hopsByDisplacement(double[] from, double[] to, double thresholdA) {
        check(from);
        check(to);
        double[] c0 = com(from, anions), c1 = com(to, anions);
        boolean[] h = new boolean[cations.length];
        double t2 = thresholdA * thresholdA;
        for (int q = 0; q < h.length; q++) {
            int i = cations[q];
            double d2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = to[3 * i + c] - from[3 * i + c] - (c1[c] - c0[c]);
                d2 += d * d;
            }
            h[q] = d2 > t2;
        }
        return h;
    }

    /**
     * Site-change hop rate per cation per ps over a sequence of frames: hops summed over consecutive
     * intervals, divided by (number of cations × total time).
     *
     * @param frames    positions per frame (each 3N, unwrapped)
     * @param intervalPs time between consecutive frames, ps
     */
    public double hopRate(double[][] frames, double intervalPs) {
        if (frames.length < 2) {
            throw new IllegalArgumentException("a hop rate needs at least 2 frames");
        }
        long hops = 0;
        int[] prev = sites(frames[0]);
        for (int f = 1; f < frames.length; f++) {
            int[] cur = sites(frames[f]);
            for (int q = 0; q < cations.length; q++) {
                if (prev[3 * q] != cur[3 * q] || prev[3 * q + 1] != cur[3 * q + 1] || prev[3 * q + 2] != cur[3 * q + 2]) {
                    hops++;
                }
            }
            prev = cur;
        }
        return hops / (cations.length * intervalPs * (frames.length - 1));
    }

    /** Mask over all atoms that is true for the cations flagged in a per-cation array. */
    public boolean[] atomMask(boolean[] perCation) {
        boolean[] m = new boolean[atoms];
        for (int q = 0; q < cations.length; q++) {
            m[cations[q]] = perCation[q];
        }
        return m;
    }

    static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            if (x) {
                c++;
            }
        }
        return c;
    }

    private void check(double[] positions) {
        if (positions.length != 3 * atoms) {
            throw new IllegalArgumentException("frame must have 3 × " + atoms + " entries, got " + positions.length);
        }
    }
}
