package io.ionflow.analyze.fit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formatting of condition labels (fit model names, fold labels, the report); the same label string is also the grouping
 * key of a fit series. Temperatures are labelled to 1 mK and vacancy fractions to 1e-6, the precision {@link Condition}
 * rounds to.
 */
public final class Labels {
    private Labels() {}

    /** @return vacancy fraction with at least two decimals: 0.1 → "0.10", 0.125 → "0.125" */
    public static String vacancy(double v) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        if (b.scale() < 2) {
            b = b.setScale(2, RoundingMode.UNNECESSARY);
        }
        return b.toPlainString();
    }

    /** @return temperature without spurious decimals: 500.0 → "500", 512.5 → "512.5" */
    public static String temperature(double t) {
        BigDecimal b = BigDecimal.valueOf(t).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (b.scale() < 0) {
            b = b.setScale(0, RoundingMode.UNNECESSARY);
        }
        return b.toPlainString();
    }

    static String condition(double t, double v) {
        return "T=" + temperature(t) + ",vac=" + vacancy(v);
    }

    static String vacancyFold(double v) {
        return "vac=" + vacancy(v);
    }
}
