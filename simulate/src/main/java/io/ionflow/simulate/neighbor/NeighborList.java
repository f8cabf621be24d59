package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.Arrays;

/**
 * Half Verlet neighbour list (each pair stored once, under its lower atom index; an atom's own
 * periodic images once, with a lexicographically positive shift) with a skin, built with a cell list
 * when the box holds at least 3 cells of size rc+skin in every direction, otherwise by an all-pairs
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
        int ncx = (int) Math.floor(box.lx() / rl), ncy = (int) Math.floor(box.ly() / rl), ncz = (int) Math.floor(box.lz() / rl);
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
        if (ncx >= 3 && ncy >= 3 && ncz >= 3) {
            buildCells(box, n, u, w, ncx, ncy, ncz, rl * rl, perAtom, par);
        } else {
            buildAllPairs(box, n, u, w, rl, perAtom, par);
        }
        int total = 0;
        start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i] = total;
            total += perAtom[i].length / 4;
        }
        start[n] = total;
        nbr = new int[total];
        sx = new int[total];
        sy = new int[total];
        sz = new int[total];
        for (int i = 0; i < n; i++) {
            int[] a = perAtom[i];
            int k0 = start[i];
            for (int k = 0; k < a.length / 4; k++) {
                nbr[k0 + k] = a[4 * k];
                sx[k0 + k] = a[4 * k + 1];
                sy[k0 + k] = a[4 * k + 2];
                sz[k0 + k] = a[4 * k + 3];
            }
        }
        buildReverse(n);
        refPositions = x.clone();
        refBox = box;
        builds++;
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

    private static void buildCells(Box box, int n, double[] u, int[] w, int ncx, int ncy, int ncz, double rl2,
                                   int[][] perAtom, Parallel par) {
        int ncell = ncx * ncy * ncz;
        int[] cellOf = new int[n];
        int[] count = new int[ncell + 1];
        for (int i = 0; i < n; i++) {
            int cx = Math.min(ncx - 1, (int) (u[3 * i] / box.lx() * ncx));
            int cy = Math.min(ncy - 1, (int) (u[3 * i + 1] / box.ly() * ncy));
            int cz = Math.min(ncz - 1, (int) (u[3 * i + 2] / box.lz() * ncz));
            cellOf[i] = (cx * ncy + cy) * ncz + cz;
            count[cellOf[i] + 1]++;
        }
        for (int c = 0; c < ncell; c++) count[c + 1] += count[c];
        int[] cellAtoms = new int[n];
        int[] fill = Arrays.copyOf(count, ncell);
        for (int i = 0; i < n; i++) cellAtoms[fill[cellOf[i]]++] = i; // atom-index order within a cell
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        par.forRange(n, (from, to) -> {
            IntBuffer buf = new IntBuffer();
            for (int i = from; i < to; i++) {
                buf.clear();
                int c = cellOf[i];
                int cx = c / (ncy * ncz), cy = (c / ncz) % ncy, cz = c % ncz;
                double xi = u[3 * i], yi = u[3 * i + 1], zi = u[3 * i + 2];
                for (int dx = -1; dx <= 1; dx++) {
                    int jx = cx + dx, wx = 0;
                    if (jx < 0) { jx += ncx; wx = -1; } else if (jx >= ncx) { jx -= ncx; wx = 1; }
                    for (int dy = -1; dy <= 1; dy++) {
                        int jy = cy + dy, wy = 0;
                        if (jy < 0) { jy += ncy; wy = -1; } else if (jy >= ncy) { jy -= ncy; wy = 1; }
                        for (int dz = -1; dz <= 1; dz++) {
                            int jz = cz + dz, wz = 0;
                            if (jz < 0) { jz += ncz; wz = -1; } else if (jz >= ncz) { jz -= ncz; wz = 1; }
                            int jc = (jx * ncy + jy) * ncz + jz;
                            for (int p = count[jc]; p < count[jc + 1]; p++) {
                                int j = cellAtoms[p];
                                if (j < i || (j == i && !positive(wx, wy, wz))) continue;
                                // displacement in wrapped space: u_j - u_i + cellWrap * L
                                double ddx = u[3 * j] - xi + wx * lx;
                                double ddy = u[3 * j + 1] - yi + wy * ly;
                                double ddz = u[3 * j + 2] - zi + wz * lz;
                                if (ddx * ddx + ddy * ddy + ddz * ddz < rl2) {
                                    buf.add(j, wx - (w[3 * j] - w[3 * i]), wy - (w[3 * j + 1] - w[3 * i + 1]),
                                            wz - (w[3 * j + 2] - w[3 * i + 2]));
                                }
                            }
                        }
                    }
                }
                perAtom[i] = buf.toArray();
            }
        });
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
