package io.ionflow.simulate.potential.nep;

/**
 * NEP's radial basis (NEP3 paper): f_k(r) = ½[T_k(x) + 1]·f_c(r) with the Chebyshev polynomials T_k of
 * x = 2(r/r_c − 1)² − 1 (by the recursion T_{k+1} = 2x T_k − T_{k−1}, in fused multiply-adds) and the cosine cutoff f_c(r) = ½[1 + cos(π r/r_c)] for r &lt; r_c, 0 beyond.
 * A radial function of a type pair is g_n(r) = Σ_k c_nk f_k(r).
 */
final class RadialBasis {
    private RadialBasis() {}

    /** cos(π r/r_c), the one transcendental function of the basis (shared by both passes of the kernel). */
    static double cosine(double r, double rc) {
        return Math.cos(Math.PI * r / rc);
    }

    /** f_k(r), k = 0..count−1, into f (r &lt; rc), given {@code cos} = cos(π r/rc). */
    static void values(double r, double rc, double cos, int count, double[] f) {
        double u = r / rc - 1;
        double x = 2 * u * u - 1;
        double fc = 0.5 * cos + 0.5;
        double t0 = 1, t1 = x;
        f[0] = fc;
        if (count > 1) f[1] = 0.5 * (x + 1) * fc;
        for (int k = 2; k < count; k++) {
            double t2 = Math.fma(2 * x, t1, -t0);
            f[k] = 0.5 * (t2 + 1) * fc;
            t0 = t1;
            t1 = t2;
        }
    }

    /**
     * f_k(r) and df_k/dr (Å⁻¹), k = 0..count−1 (r &lt; rc), given {@code cos} = cos(π r/rc); dT_k/dx =
     * k·U_{k−1}(x). sin(π r/rc) ≥ 0 on [0, rc) is √((1 − cos)(1 + cos)), accurate to round-off at both ends.
     */
    static void valuesAndDerivatives(double r, double rc, double cos, int count, double[] f, double[] df) {
        double u = r / rc - 1;
        double x = 2 * u * u - 1;
        double dxdr = 4 * u / rc;
        double fc = 0.5 * cos + 0.5;
        double dfc = -0.5 * Math.PI / rc * Math.sqrt((1 - cos) * (1 + cos));
        f[0] = fc;
        df[0] = dfc;
        if (count == 1) return;
        f[1] = 0.5 * (x + 1) * fc;
        df[1] = 0.5 * dxdr * fc + 0.5 * (x + 1) * dfc;
        double t0 = 1, t1 = x, uPrev = 1, uCur = 2 * x; // U_0, U_1
        for (int k = 2; k < count; k++) {
            double t2 = Math.fma(2 * x, t1, -t0);
            double dt = k * uCur; // k·U_{k−1}
            f[k] = 0.5 * (t2 + 1) * fc;
            df[k] = 0.5 * dt * dxdr * fc + 0.5 * (t2 + 1) * dfc;
            t0 = t1;
            t1 = t2;
            double uNext = Math.fma(2 * x, uCur, -uPrev);
            uPrev = uCur;
            uCur = uNext;
        }
    }

    /** f_k(r), k = 0..count−1 (r &lt; rc), added to sums[o + k], given {@code cos} = cos(π r/rc). */
    static void accumulate(double r, double rc, double cos, int count, double[] sums, int o) {
        double u = r / rc - 1;
        double x = 2 * u * u - 1;
        double half = 0.5 * (0.5 * cos + 0.5); // f_c/2
        double t0 = 1, t1 = x;
        sums[o] += 2 * half;
        if (count > 1) sums[o + 1] += (x + 1) * half;
        for (int k = 2; k < count; k++) {
            double t2 = Math.fma(2 * x, t1, -t0);
            sums[o + k] += (t2 + 1) * half;
            t0 = t1;
            t1 = t2;
        }
    }

    /**
     * Σ_k (a_k + b_k) f_k'(r) (r &lt; rc) with a = c[ao..], b = c[bo..], given {@code cos} = cos(π r/rc):
     * ½ x' f_c Σ (a_k + b_k) T_k'(x) + ½ f_c' Σ (a_k + b_k)(T_k(x) + 1), T_k' = k·U_{k−1}.
     */
    static double derivativeSum(double r, double rc, double cos, int count, double[] c, int ao, int bo) {
        double u = r / rc - 1;
        double x = 2 * u * u - 1;
        double dxdr = 4 * u / rc;
        double fc = 0.5 * cos + 0.5;
        double dfc = -0.5 * Math.PI / rc * Math.sqrt((1 - cos) * (1 + cos));
        double w = c[ao] + c[bo];
        double sumT = 2 * w, sumDT = 0; // Σ w_k (T_k + 1), Σ w_k T_k'
        if (count > 1) {
            w = c[ao + 1] + c[bo + 1];
            sumT += w * (x + 1);
            sumDT += w;
        }
        double t0 = 1, t1 = x, uPrev = 1, uCur = 2 * x; // U_0, U_1
        for (int k = 2; k < count; k++) {
            w = c[ao + k] + c[bo + k];
            double t2 = Math.fma(2 * x, t1, -t0);
            sumT = Math.fma(w, t2 + 1, sumT);
            sumDT = Math.fma(w * k, uCur, sumDT);
            t0 = t1;
            t1 = t2;
            double uNext = Math.fma(2 * x, uCur, -uPrev);
            uPrev = uCur;
            uCur = uNext;
        }
        return 0.5 * (dxdr * fc * sumDT + dfc * sumT);
    }
}
