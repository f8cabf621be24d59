package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.Arrays;

/**
 * Half Verlet neighbour list (each pair stored once, under its lower atom index; an atom's own
 * periodic images once, with a lexicographically positive shift) with a skin, built with a bin search
 * ({@link VerletBins}: bins of (rc+skin)/2, ±2 bins around each atom) when the box holds 5 bins in every
 * direction, otherwise by an all-pairs
 * search over every periodic image within reach (so small cells with rc larger than half the box are
 * handled correctly, including an atom's own images).
 *
 * <p>Positions are unwrapped. Each entry stores the neighbour j and the integer image shift s such
 * that the displacement is d = x_j − x_i + s·L. The list is rebuilt when any atom has moved more than
 * half the skin since the last build (after undoing any affine box scaling).
 */
public final class NeighborList {
    private final double cutoff;
    private final double skin;
    private int[] start = new int[1];
    private int[] nbr = new int[0];
    private int[] sx = new int[0], sy = new int[0], sz = new int[0];
    private int[] revStart = new int[1];
    private int[] revPairs = new int[0];
    private int[] revSlot = new int[0];
    private double[] refPositions;
    private Box refBox;
    private int builds;
    private ChunkBuffers buffers;

    public NeighborList(double cutoff, double skin) {
        if (!(cutoff > 0)) throw new IllegalArgumentException("cutoff must be positive, got " + cutoff);
        if (!(skin >= 0)) throw new IllegalArgumentException("skin must be >= 0, got " + skin);
        this.cutoff = cutoff;
        this.skin = skin;
    }

    public double cutoff() { return cutoff; }
    public double skin() { return skin; }
    public int builds() { return builds; }

    /** Reusable per-chunk accumulators for a pair loop over this list (one set per list, not thread-safe across engines). */
    public ChunkBuffers buffers(int atoms) {
        if (buffers == null || buffers.atoms() != atoms) buffers = new ChunkBuffers(atoms);
        return buffers;
    }

    public int start(int i) { return start[i]; }
    public int end(int i) { return start[i + 1]; }
    public int neighbor(int k) { return nbr[k]; }
    public int shiftX(int k) { return sx[k]; }
    public int shiftY(int k) { return sy[k]; }
    public int shiftZ(int k) { return sz[k]; }
    public int[] neighbors() { return nbr; }
    public int[] shiftsX() { return sx; }
    public int[] shiftsY() { return sy; }
    public int[] shiftsZ() { return sz; }
    public int size() { return nbr.length; }

    /**
     * Reverse index: the entries k with {@code neighbor(k) == j} are {@code reversePairs()[q]} for q in
     * [{@code reverseStart(j)}, {@code reverseStart(j + 1)}), in increasing k.
     */
    public int reverseStart(int j) { return revStart[j]; }
    public int[] reverseStarts() { return revStart; }
    public int[] reversePairs() { return revPairs; }
    /** For entry k, its position q in the reverse index ({@code reversePairs()[reverseSlots()[k]] == k}). */
    public int[] reverseSlots() { return revSlot; }

    /** Rebuilds if needed; returns true when it rebuilt. */
    public boolean update(Structure s, Parallel par) {
        if (refPositions == null || refPositions.length != s.positions().length || needsRebuild(s)) {
            build(s, par);
            return true;
        }
        return false;
    }

    /** The largest displacement (Å) of any atom since the last build, affine box scaling removed. */
    public double maxDisplacement(Structure s) {
        double[] x = s.positions();
        Box b = s.box();
        double fx = refBox.lx() / b.lx(), fy = refBox.ly() / b.ly(), fz = refBox.lz() / b.lz();
        double max2 = 0;
        for (int i = 0; i < s.size(); i++) {
            double dx = x[3 * i] * fx - refPositions[3 * i];
            double dy = x[3 * i + 1] * fy - refPositions[3 * i + 1];
            double dz = x[3 * i + 2] * fz - refPositions[3 * i + 2];
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > max2) max2 = d2;
        }
        return Math.sqrt(max2);
    }

    public boolean needsRebuild(Structure s) {
        Box b = s.box();
        double shrink = Math.max(0, 1 - Math.min(b.lx() / refBox.lx(), Math.min(b.ly() / refBox.ly(), b.lz() / refBox.lz())));
        return 2 * maxDisplacement(s) + shrink * (cutoff + skin) > skin;
    }

    /** Builds the list from scratch for the current positions and box. */
    public void build(Structure s, Parallel par) {
        Box box = s.box();
        double rl = cutoff + skin;
        int n = s.size();
        double[] x = s.positions();
        // wrapped coordinates and image indices
        double[] u = new double[3 * n];
        int[] w = new int[3 * n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                double l = box.length(d);
                double img = Math.floor(x[3 * i + d] / l);
                double ui = x[3 * i + d] - img * l;
                if (ui >= l) { ui -= l; img += 1; }
                if (ui < 0) { ui = 0; }
                u[3 * i + d] = ui;
                w[3 * i + d] = (int) img;
            }
        }
        int[][] perAtom = new int[n][];
        VerletBins bins = VerletBins.of(box, u, n, rl);
        if (bins != null) {
            buildCells(box, n, u, w, bins, rl, perAtom, par);
        } else {
            buildAllPairs(box, n, u, w, rl, perAtom, par);
        }
        join(perAtom, par);
        buildReverse(n);
        refPositions = x.clone();
        refBox = box;
        builds++;
    }

    /** Concatenates the per-atom (j, sx, sy, sz) quadruples into the list arrays (copies in parallel). */
    private void join(int[][] perAtom, Parallel par) {
        int n = perAtom.length;
        int total = 0;
        start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i] = total;
            total += perAtom[i].length / 4;
        }
        start[n] = total;
        int[] st = start, jn = nbr = new int[total], ax = sx = new int[total], ay = sy = new int[total], az = sz = new int[total];
        par.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int[] a = perAtom[i];
                int k0 = st[i];
                for (int k = 0; k < a.length / 4; k++) {
                    jn[k0 + k] = a[4 * k];
                    ax[k0 + k] = a[4 * k + 1];
                    ay[k0 + k] = a[4 * k + 2];
                    az[k0 + k] = a[4 * k + 3];
                }
            }
        });
    }

    /** Counting sort of the entries by neighbour index (stable, so increasing k within each atom). */
    private void buildReverse(int n) {
        revStart = new int[n + 1];
        for (int j : nbr) revStart[j + 1]++;
        for (int j = 0; j < n; j++) revStart[j + 1] += revStart[j];
        int[] fill = Arrays.copyOf(revStart, n);
        revPairs = new int[nbr.length];
        revSlot = new int[nbr.length];
        for (int k = 0; k < nbr.length; k++) {
            int q = fill[nbr[k]]++;
            revPairs[q] = k;
            revSlot[k] = q;
        }
    }

    /** Half-list search over the bins within reach of each atom (see {@link VerletBins}). */
    private static void buildCells(Box box, int n, double[] u, int[] w, VerletBins bins, double rl, int[][] perAtom,
                                   Parallel par) {
        double rl2 = rl * rl;
        double prune2 = rl2 * (1 + 1e-9); // bins are skipped by a bound; the slack keeps rounding from losing a pair
        par.forRange(n, (from, to) -> {
            IntBuffer buf = new IntBuffer();
            for (int i = from; i < to; i++) {
                buf.clear();
                int c = bins.binOf[i];
                int cx = c / (bins.ny * bins.nz), cy = (c / bins.nz) % bins.ny, cz = c % bins.nz;
                double ox = u[3 * i] - cx * bins.wx, oy = u[3 * i + 1] - cy * bins.wy, oz = u[3 * i + 2] - cz * bins.wz;
                for (int dx = -bins.sub; dx <= bins.sub; dx++) {
                    double gx = VerletBins.gap(dx, ox, bins.wx), gx2 = gx * gx;
                    if (gx2 >= prune2) continue;
                    int jx = Math.floorMod(cx + dx, bins.nx), wx = Math.floorDiv(cx + dx, bins.nx);
                    for (int dy = -bins.sub; dy <= bins.sub; dy++) {
                        double gy = VerletBins.gap(dy, oy, bins.wy), gxy2 = gx2 + gy * gy;
                        if (gxy2 >= prune2) continue;
                        int jy = Math.floorMod(cy + dy, bins.ny), wy = Math.floorDiv(cy + dy, bins.ny);
                        for (int dz = -bins.sub; dz <= bins.sub; dz++) {
                            double gz = VerletBins.gap(dz, oz, bins.wz);
                            if (gxy2 + gz * gz >= prune2) continue;
                            int jz = Math.floorMod(cz + dz, bins.nz), wz = Math.floorDiv(cz + dz, bins.nz);
                            searchBin(box, u, w, bins, (jx * bins.ny + jy) * bins.nz + jz, i, wx, wy, wz, rl2, buf);
                        }
                    }
                }
                perAtom[i] = buf.toArray();
            }
        });
    }

    /** Adds to buf the atoms j ≥ i of bin jc, seen through the box wrap (wx, wy, wz), closer than √rl2 to atom i. */
    private static void searchBin(Box box, double[] u, int[] w, VerletBins bins, int jc, int i, int wx, int wy, int wz,
                                  double rl2, IntBuffer buf) {
        double xi = u[3 * i] - wx * box.lx(), yi = u[3 * i + 1] - wy * box.ly(), zi = u[3 * i + 2] - wz * box.lz();
        int[] atom = bins.atom;
        double[] coord = bins.coord;
        int first = bins.binStart[jc], end = bins.binStart[jc + 1];
        while (end > first && atom[end - 1] >= i) end--; // a bin's atoms are in increasing order: skip those below i
        for (int p = end, last = bins.binStart[jc + 1]; p < last; p++) {
            int j = atom[p];
            if (j == i && !positive(wx, wy, wz)) continue;
            // displacement in wrapped space: u_j - u_i + wrap * L
            double ddx = coord[3 * p] - xi, ddy = coord[3 * p + 1] - yi, ddz = coord[3 * p + 2] - zi;
            if (ddx * ddx + ddy * ddy + ddz * ddz < rl2) {
                buf.add(j, wx - (w[3 * j] - w[3 * i]), wy - (w[3 * j + 1] - w[3 * i + 1]), wz - (w[3 * j + 2] - w[3 * i + 2]));
            }
        }
    }

    private static void buildAllPairs(Box box, int n, double[] u, int[] w, double rl, int[][] perAtom, Parallel par) {
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        int mx = (int) Math.ceil(rl / lx), my = (int) Math.ceil(rl / ly), mz = (int) Math.ceil(rl / lz);
        double rl2 = rl * rl;
        par.forRange(n, (from, to) -> {
            IntBuffer buf = new IntBuffer();
            for (int i = from; i < to; i++) {
                buf.clear();
                double xi = u[3 * i], yi = u[3 * i + 1], zi = u[3 * i + 2];
                for (int j = i; j < n; j++) {
                    double bx = u[3 * j] - xi, by = u[3 * j + 1] - yi, bz = u[3 * j + 2] - zi;
                    for (int ix = -mx; ix <= mx; ix++) {
                        double ddx = bx + ix * lx;
                        double ddx2 = ddx * ddx;
                        if (ddx2 >= rl2) continue;
                        for (int iy = -my; iy <= my; iy++) {
                            double ddy = by + iy * ly;
                            double dxy2 = ddx2 + ddy * ddy;
                            if (dxy2 >= rl2) continue;
                            for (int iz = -mz; iz <= mz; iz++) {
                                if (j == i && !positive(ix, iy, iz)) continue;
                                double ddz = bz + iz * lz;
                                if (dxy2 + ddz * ddz < rl2) {
                                    buf.add(j, ix - (w[3 * j] - w[3 * i]), iy - (w[3 * j + 1] - w[3 * i + 1]),
                                            iz - (w[3 * j + 2] - w[3 * i + 2]));
                                }
                            }
                        }
                    }
                }
                perAtom[i] = buf.toArray();
            }
        });
    }

    /** True if the shift (a, b, c) is lexicographically positive (so each self-image pair is kept once). */
    static boolean positive(int a, int b, int c) {
        return a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0)));
    }

    /** Growable int buffer holding (j, sx, sy, sz) quadruples. */
    private static final class IntBuffer {
        int[] a = new int[256];
        int n;

        void clear() { n = 0; }

        void add(int j, int x, int y, int z) {
            if (n + 4 > a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = j;
            a[n++] = x;
            a[n++] = y;
            a[n++] = z;
        }

        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
