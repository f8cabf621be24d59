package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.structure.Elements;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code nep.txt} format of GPUMD's NEP trainer: header lines
 * <pre>
 *   nep4[_zbl] NTYPES EL1 EL2 …        (or nep3[_zbl])
 *   zbl R_INNER R_OUTER [FACTOR]         (only for _zbl; FACTOR = typewise ZBL cutoffs)
 *   cutoff RC_R RC_A [MN_R MN_A]         (or per type: RC_R1 RC_A1 RC_R2 RC_A2 … MN_R MN_A)
 *   n_max N_R N_A
 *   basis_size K_R K_A
 *   l_max L_3BODY L_4BODY(0|2) L_5BODY(0|1) [further many-body flags, all 0]
 *   ANN NEURONS 0
 * </pre>
 * then one number per line: per network w0 (neuron-major), b0, w1; the shared b1; the radial then
 * angular expansion coefficients c[(n·(K+1) + k)·T² + t_i·T + t_j]; the descriptor scalers. Variants
 * that are not energy models of this form (dipole, polarizability, charge, temperature, NEP2, NEP5,
 * flexible ZBL, l &gt; 4) are refused with one line naming the file and the header line.
 */
final class NepModelReader {
    private static final Set<String> SUPPORTED = Set.of("nep3", "nep3_zbl", "nep4", "nep4_zbl");

    private final String source;
    private final List<String[]> lines = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();
    private int cursor;

    private NepModelReader(String text, String source) {
        this.source = source;
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String t = raw[i].trim();
            if (!t.isEmpty()) {
                lines.add(t.split("\\s+"));
                lineNumbers.add(i + 1);
            }
        }
    }

    static NepModel read(String text, String source) {
        return new NepModelReader(text, source).model();
    }

    private NepModel model() {
        NepModel.Header h = header();
        int expected = h.totalParameters();
        double[] p = numbers(expected);
        int at = 0;
        int nets = h.networks(), dim = h.dim(), neu = h.neurons;
        double[][] w0 = new double[nets][], b0 = new double[nets][], w1 = new double[nets][];
        for (int k = 0; k < nets; k++) {
            w0[k] = slice(p, at, neu * dim);
            at += neu * dim;
            b0[k] = slice(p, at, neu);
            at += neu;
            w1[k] = slice(p, at, neu);
            at += neu;
        }
        double b1 = p[at++];
        int nt = h.elements.size();
        double[][] cR = coefficients(p, at, h.nMaxRadial + 1, h.basisRadial + 1, nt);
        at += h.radialCoefficients();
        double[][] cA = coefficients(p, at, h.nMaxAngular + 1, h.basisAngular + 1, nt);
        at += h.angularCoefficients();
        double[] scaler = slice(p, at, dim);
        return new NepModel(h, w0, b0, w1, b1, cR, cA, scaler);
    }

    private static double[] slice(double[] p, int from, int len) {
        double[] s = new double[len];
        System.arraycopy(p, from, s, 0, len);
        return s;
    }

    /** c[pair][n·basis + k] from the file's order (n·basis + k)·T² + pair. */
    private static double[][] coefficients(double[] p, int from, int n, int basis, int nt) {
        double[][] c = new double[nt * nt][n * basis];
        for (int nk = 0; nk < n * basis; nk++) {
            for (int pair = 0; pair < nt * nt; pair++) c[pair][nk] = p[from + nk * nt * nt + pair];
        }
        return c;
    }

    private NepModel.Header header() {
        NepModel.Header h = new NepModel.Header();
        String[] first = next("the model line (e.g. 'nep4 2 Ag Te')");
        String kind = first[0];
        if (!SUPPORTED.contains(kind)) {
            throw fail(line(), "model variant '" + kind + "' is not supported (line '" + String.join(" ", first)
                    + "'); IonFlow evaluates the energy models nep3, nep4 and their _zbl variants");
        }
        h.version = kind.startsWith("nep3") ? 3 : 4;
        h.zbl = kind.endsWith("_zbl");
        elements(h, first);
        if (h.zbl) zblLine(h);
        cutoffLine(h);
        int[] nmax = ints(next("n_max"), "n_max", 2);
        h.nMaxRadial = nmax[0];
        h.nMaxAngular = nmax[1];
        int[] basis = ints(next("basis_size"), "basis_size", 2);
        h.basisRadial = basis[0];
        h.basisAngular = basis[1];
        lMaxLine(h);
        int[] ann = ints(next("ANN"), "ANN", 2);
        if (ann[0] < 1 || ann[1] != 0) {
            throw fail(line(), "'ANN " + ann[0] + " " + ann[1] + "': IonFlow supports one hidden layer (ANN N 0, N >= 1)");
        }
        h.neurons = ann[0];
        if (h.nMaxRadial < 0 || h.nMaxAngular < 0 || h.basisRadial < 0 || h.basisAngular < 0) {
            throw fail(line(), "negative n_max or basis_size");
        }
        return h;
    }

    private void elements(NepModel.Header h, String[] first) {
        int nt;
        try {
            nt = Integer.parseInt(first[1]);
        } catch (RuntimeException e) {
            throw fail(line(), "the model line must be '" + first[0] + " NTYPES EL1 EL2 ...', got '" + String.join(" ", first) + "'");
        }
        if (nt < 1 || first.length != 2 + nt) {
            throw fail(line(), "the model line declares " + nt + " species but lists " + (first.length - 2));
        }
        h.elements = List.of(java.util.Arrays.copyOfRange(first, 2, 2 + nt));
        h.atomicNumbers = new int[nt];
        for (int t = 0; t < nt; t++) {
            String el = h.elements.get(t);
            if (!Elements.isElement(el)) throw fail(line(), "'" + el + "' is not a chemical element symbol");
            h.atomicNumbers[t] = Elements.symbols().indexOf(el) + 1;
        }
        if (h.elements.stream().distinct().count() != nt) throw fail(line(), "a species is listed twice");
    }

    private void zblLine(NepModel.Header h) {
        String[] z = next("zbl R_INNER R_OUTER");
        if (!z[0].equals("zbl") || (z.length != 3 && z.length != 4)) {
            throw fail(line(), "expected 'zbl R_INNER R_OUTER [FACTOR]', got '" + String.join(" ", z) + "'");
        }
        h.zblInner = number(z[1]);
        h.zblOuter = number(z[2]);
        if (h.zblInner == 0 && h.zblOuter == 0) {
            throw fail(line(), "flexible ZBL ('zbl 0 0', per-pair fitted parameters) is not supported; only the universal ZBL");
        }
        if (!(h.zblInner >= 0 && h.zblOuter > h.zblInner)) throw fail(line(), "zbl needs 0 <= R_INNER < R_OUTER");
        if (z.length == 4) {
            h.zblTypewiseFactor = number(z[3]);
            for (int zn : h.atomicNumbers) {
                if (!CovalentRadii.known(zn)) throw fail(line(), "typewise ZBL cutoff: no covalent radius for Z = " + zn);
            }
        }
    }

    private void cutoffLine(NepModel.Header h) {
        String[] c = next("cutoff");
        int nt = h.elements.size();
        if (!c[0].equals("cutoff") || (c.length != 3 && c.length != 5 && c.length != 2 * nt + 3)) {
            throw fail(line(), "expected 'cutoff RC_R RC_A [MN_R MN_A]' or per-type 'cutoff RC_R1 RC_A1 ... MN_R MN_A', got '"
                    + String.join(" ", c) + "'");
        }
        h.rcRadialByType = new double[nt];
        h.rcAngularByType = new double[nt];
        boolean typewise = c.length == 2 * nt + 3 && nt > 1;
        for (int t = 0; t < nt; t++) {
            h.rcRadialByType[t] = number(c[typewise ? 1 + 2 * t : 1]);
            h.rcAngularByType[t] = number(c[typewise ? 2 + 2 * t : 2]);
            if (!(h.rcRadialByType[t] > 0 && h.rcAngularByType[t] > 0)) throw fail(line(), "cutoffs must be positive");
        }
    }

    private void lMaxLine(NepModel.Header h) {
        String[] l = next("l_max");
        if (!l[0].equals("l_max") || l.length < 4) {
            throw fail(line(), "expected 'l_max L_3BODY L_4BODY L_5BODY', got '" + String.join(" ", l) + "'");
        }
        int[] v = ints(l, "l_max", l.length - 1);
        h.lMax = v[0];
        if (h.lMax < 1 || h.lMax > 4) throw fail(line(), "l_max " + h.lMax + " is not supported (IonFlow: 1..4)");
        if (v[1] != 0 && v[1] != 2) throw fail(line(), "the four-body entry of l_max must be 0 or 2, got " + v[1]);
        if (v[2] != 0 && v[2] != 1) throw fail(line(), "the five-body entry of l_max must be 0 or 1, got " + v[2]);
        for (int k = 3; k < v.length; k++) {
            if (v[k] != 0) throw fail(line(), "many-body descriptor flag " + (k + 1) + " of l_max is not supported by IonFlow");
        }
        h.fourBody = v[1] == 2;
        h.fiveBody = v[2] == 1;
        if (h.fourBody && h.lMax < 2) throw fail(line(), "the four-body terms need l_max >= 2");
    }

    private double[] numbers(int expected) {
        double[] p = new double[expected];
        int k = 0;
        while (cursor < lines.size()) {
            String[] t = lines.get(cursor);
            for (String s : t) {
                if (k == expected) {
                    throw fail(lineNumbers.get(cursor), "more parameters than the header implies (" + expected + ")");
                }
                p[k++] = number(s, lineNumbers.get(cursor));
            }
            cursor++;
        }
        if (k < expected) {
            throw new PotentialException(source + ": truncated: " + k + " parameters after the header, the header implies " + expected);
        }
        return p;
    }

    private String[] next(String what) {
        if (cursor >= lines.size()) throw new PotentialException(source + ": ends before the '" + what + "' line");
        return lines.get(cursor++);
    }

    private int line() {
        return lineNumbers.get(cursor - 1);
    }

    private int[] ints(String[] t, String key, int count) {
        if (!t[0].equals(key) || t.length != count + 1) {
            throw fail(line(), "expected '" + key + "' with " + count + " integers, got '" + String.join(" ", t) + "'");
        }
        int[] v = new int[count];
        for (int k = 0; k < count; k++) {
            try {
                v[k] = Integer.parseInt(t[k + 1]);
            } catch (NumberFormatException e) {
                throw fail(line(), "'" + t[k + 1] + "' in the " + key + " line is not an integer");
            }
        }
        return v;
    }

    private double number(String s) {
        return number(s, line());
    }

    private double number(String s, int lineNo) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw fail(lineNo, "'" + s + "' is not a finite number");
    }

    private PotentialException fail(int lineNo, String problem) {
        return new PotentialException(source + ": line " + lineNo + ": " + problem);
    }
}
