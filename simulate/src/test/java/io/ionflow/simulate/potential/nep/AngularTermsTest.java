package io.ionflow.simulate.potential.nep;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The angular invariants are rotation invariant, and the chain rule matches finite differences. */
class AngularTermsTest {
    private static final int LM = AngularTerms.count(4);

    private static double[] sums(double[][] bonds, double[] g, double[][] rot) {
        double[] s = new double[LM], y = new double[LM];
        for (int b = 0; b < bonds.length; b++) {
            double[] v = rot == null ? bonds[b] : apply(rot, bonds[b]);
            double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            AngularTerms.values(v[0] / r, v[1] / r, v[2] / r, 4, y);
            for (int k = 0; k < LM; k++) s[k] += g[b] * y[k];
        }
        return s;
    }

    private static double[] apply(double[][] m, double[] v) {
        double[] o = new double[3];
        for (int a = 0; a < 3; a++) o[a] = m[a][0] * v[0] + m[a][1] * v[1] + m[a][2] * v[2];
        return o;
    }

    /** A random proper rotation from a random unit quaternion. */
    private static double[][] rotation(Random rng) {
        double w = rng.nextGaussian(), x = rng.nextGaussian(), y = rng.nextGaussian(), z = rng.nextGaussian();
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n; x /= n; y /= n; z /= n;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    @Test
    void threeFourAndFiveBodyInvariantsDoNotChangeUnderRotation() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[][] bonds = new double[7][3];
            double[] g = new double[7];
            for (int b = 0; b < 7; b++) {
                for (int c = 0; c < 3; c++) bonds[b][c] = rng.nextGaussian();
                g[b] = rng.nextDouble() - 0.3;
            }
            double[] q0 = new double[6], q1 = new double[6];
            AngularTerms.invariants(sums(bonds, g, null), 0, 4, true, true, q0, 0, 1);
            AngularTerms.invariants(sums(bonds, g, rotation(rng)), 0, 4, true, true, q1, 0, 1);
            for (int b = 0; b < 6; b++) assertEquals(q0[b], q1[b], 1e-12 * (1 + Math.abs(q0[b])), "block " + b);
        }
    }

    @Test
    void chainRuleEqualsFiniteDifferencesOfTheInvariants() {
        Random rng = new Random(5);
        double[] s = new double[LM];
        for (int k = 0; k < LM; k++) s[k] = rng.nextGaussian();
        double[] fp = {0.3, -1.1, 0.7, 0.2, 1.5, -0.4};
        double[] g = new double[LM];
        AngularTerms.chain(s, 0, 4, true, true, fp, 0, 1, g, 0);
        double h = 1e-6;
        for (int k = 0; k < LM; k++) {
            double[] sp = s.clone(), sm = s.clone();
            sp[k] += h;
            sm[k] -= h;
            double[] qp = new double[6], qm = new double[6];
            AngularTerms.invariants(sp, 0, 4, true, true, qp, 0, 1);
            AngularTerms.invariants(sm, 0, 4, true, true, qm, 0, 1);
            double fd = 0;
            for (int b = 0; b < 6; b++) fd += fp[b] * (qp[b] - qm[b]) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * (1 + Math.abs(fd)), "component " + k);
        }
    }

    @Test
    void gradientsAreDerivativesOfThePolynomials() {
        Random rng = new Random(3);
        double[] y0 = new double[LM], yp = new double[LM], ym = new double[LM], grad = new double[3 * LM];
        double[] u = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        AngularTerms.gradients(u[0], u[1], u[2], 4, grad);
        double h = 1e-6;
        for (int c = 0; c < 3; c++) {
            double[] a = u.clone(), b = u.clone();
            a[c] += h;
            b[c] -= h;
            AngularTerms.values(a[0], a[1], a[2], 4, yp);
            AngularTerms.values(b[0], b[1], b[2], 4, ym);
            for (int k = 0; k < LM; k++) {
                assertEquals((yp[k] - ym[k]) / (2 * h), grad[3 * k + c], 1e-6 * (1 + Math.abs(grad[3 * k + c])), "Y" + k + " d" + c);
            }
        }
        AngularTerms.values(u[0], u[1], u[2], 4, y0);
    }

    @Test
    void gradientDotIsTheContractedGradientTable() {
        Random rng = new Random(5);
        double[] grad = new double[3 * LM], h = new double[LM], t = new double[3];
        for (int trial = 0; trial < 20; trial++) {
            double[] u = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            for (int k = 0; k < LM; k++) h[k] = rng.nextGaussian();
            for (int lMax = 1; lMax <= 4; lMax++) {
                AngularTerms.gradients(u[0], u[1], u[2], lMax, grad);
                AngularTerms.gradientDot(u[0], u[1], u[2], lMax, h, t);
                for (int c = 0; c < 3; c++) {
                    double expect = 0, scale = 0;
                    for (int k = 0; k < AngularTerms.count(lMax); k++) {
                        expect += h[k] * grad[3 * k + c];
                        scale += Math.abs(h[k] * grad[3 * k + c]);
                    }
                    assertEquals(expect, t[c], 1e-13 * (1 + scale), "l_max " + lMax + " d" + c);
                }
            }
        }
    }
}
