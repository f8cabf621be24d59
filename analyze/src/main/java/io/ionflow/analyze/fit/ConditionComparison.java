package io.ionflow.analyze.fit;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Comparing a quantity (D, f_u) between two conditions of an archive, e.g. pristine against Te-vacancy runs
 * at one temperature. Per condition the mean over its runs (replicas) with the propagated standard error
 * σ_mean = √(Σσ_i²)/n; the ratio R = mean_v/mean_0 with σ_R = R·√((σ_v/mean_v)² + (σ_0/mean_0)²) (first order,
 * independent conditions); verdict "raise" when R − 1 &gt; 2σ_R, "lower" when 1 − R &gt; 2σ_R, otherwise
 * "not resolved" (without an error: the sign of R − 1).
 */
public final class ConditionComparison {
    private ConditionComparison() {}

    /** A condition mean: value, propagated standard error (NaN if any run's error is unknown), number of runs. */
    public record Mean(double value, double err, int n) {
        /** From (value, error) pairs of the condition's runs. */
        public static Mean of(List<double[]> valueErr) {
            double s = 0;
            double v = 0;
            boolean errKnown = true;
            for (double[] p : valueErr) {
                s += p[0];
                if (Double.isFinite(p[1])) v += p[1] * p[1];
                else errKnown = false;
            }
            int n = valueErr.size();
            return new Mean(s / n, errKnown ? Math.sqrt(v) / n : Double.NaN, n);
        }
    }

    /** A ratio of two condition means, its propagated standard error (NaN if unknown) and the verdict. */
    public record Ratio(Mean pristine, Mean vacancy, double ratio, double err, String verdict) {
        public static Ratio of(Mean p, Mean v) {
            double r = v.value() / p.value();
            double e = r * Math.hypot(v.err() / v.value(), p.err() / p.value());
            String verdict;
            if (Double.isFinite(e) && e > 0) {
                verdict = r - 1 > 2 * e ? "raise" : 1 - r > 2 * e ? "lower" : "not resolved";
            } else {
                verdict = r > 1 ? "raise" : r < 1 ? "lower" : "not resolved";
            }
            return new Ratio(p, v, r, e, verdict);
        }
    }

    /**
     * The temperature closest to {@code targetK} whose vacancy fractions include 0 and one above 0, or null.
     *
     * @param fractionsByTemperature vacancy fractions present at each temperature
     */
    public static Double closestTemperatureWithBoth(NavigableMap<Double, ? extends Set<Double>> fractionsByTemperature,
                                                    double targetK) {
        Double best = null;
        for (Map.Entry<Double, ? extends Set<Double>> e : fractionsByTemperature.entrySet()) {
            Set<Double> v = e.getValue();
            boolean both = v.contains(0.0) && v.stream().anyMatch(x -> x > 0);
            if (both && (best == null || Math.abs(e.getKey() - targetK) < Math.abs(best - targetK))) best = e.getKey();
        }
        return best;
    }
}
