package io.ionflow.analyze.inm;

import java.util.Arrays;

/**
 * Histogram of instantaneous-normal-mode frequencies on one signed axis (THz): stable modes at ν &gt; 0,
 * unstable (imaginary) modes at ν &lt; 0, with 0 always a bin edge so no bin mixes the two branches.
 * Bins are [edges[b], edges[b+1]); modes beyond ±maxThz are counted in {@code below}/{@code above} and
 * still enter the normalisation. Histograms of several snapshots with the same binning add with
 * {@link #plus(InmDos)}.
 *
 * @param binWidthThz bin width, THz
 * @param edgesThz    2B + 1 edges from −B·w to +B·w
 * @param counts      2B mode counts
 * @param modes       all modes histogrammed (in range or not)
 * @param below       modes with ν &lt; edges[0]
 * @param above       modes with ν ≥ edges[2B]
 */
public record InmDos(double binWidthThz, double[] edgesThz, double[] counts, long modes, long below, long above) {

    /**
     * @param frequenciesThz signed frequencies (imaginary negative)
     * @param binWidthThz    bin width, THz (&gt; 0)
     * @param maxThz         half-range; rounded up to a whole number of bins
     */
    public static InmDos of(double[] frequenciesThz, double binWidthThz, double maxThz) {
        if (!(binWidthThz > 0) || !(maxThz > 0)) {
            throw new IllegalArgumentException("DOS bin width and range must be > 0, got " + binWidthThz + ", " + maxThz);
        }
        int half = (int) Math.ceil(maxThz / binWidthThz - 1e-9);
        double[] edges = new double[2 * half + 1];
        for (int b = 0; b <= 2 * half; b++) {
            edges[b] = (b - half) * binWidthThz;
        }
        double[] counts = new double[2 * half];
        long below = 0, above = 0;
        for (double f : frequenciesThz) {
            int b = (int) Math.floor(f / binWidthThz) + half;
            if (b < 0) {
                below++;
            } else if (b >= 2 * half) {
                above++;
            } else {
                counts[b]++;
            }
        }
        return new InmDos(binWidthThz, edges, counts, frequenciesThz.length, below, above);
    }

    /** Bin centres, THz. */
    public double[] centersThz() {
        double[] c = new double[counts.length];
        for (int b = 0; b < c.length; b++) {
            c[b] = 0.5 * (edgesThz[b] + edgesThz[b + 1]);
        }
        return c;
    }

    /** counts / (modes · bin width), THz⁻¹: integrates to 1 over all modes (in range). */
    public double[] density() {
        double[] d = new double[counts.length];
        for (int b = 0; b < d.length; b++) {
            d[b] = counts[b] / (modes * binWidthThz);
        }
        return d;
    }

    /** Fraction of all histogrammed modes on the imaginary (negative) axis, overflow included. */
    public double unstableFraction() {
        double u = below;
        for (int b = 0; b < counts.length / 2; b++) {
            u += counts[b];
        }
        return u / modes;
    }

    /** Sum of two histograms with the same binning. */
    public InmDos plus(InmDos o) {
        if (o.binWidthThz != binWidthThz || !Arrays.equals(o.edgesThz, edgesThz)) {
            throw new IllegalArgumentException("INM DOS histograms have different binning");
        }
        double[] c = counts.clone();
        for (int b = 0; b < c.length; b++) {
            c[b] += o.counts[b];
        }
        return new InmDos(binWidthThz, edgesThz, c, modes + o.modes, below + o.below, above + o.above);
    }
}
