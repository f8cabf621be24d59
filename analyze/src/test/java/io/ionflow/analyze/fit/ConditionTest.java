package io.ionflow.analyze.fit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs are one condition exactly when their labels are equal, and conditions sort by temperature, then vacancy fraction. */
class ConditionTest {
    @Test
    void replicasWithinTheLabelPrecisionAreOneCondition() {
        assertEquals(Condition.of(500, 0.1), Condition.of(500.0004, 0.1000004));
        assertEquals(Condition.of(500, 0.1), Condition.of(new RunCondition("r", 499.9996, 0.0999996, 3)));
        assertNotEquals(Condition.of(500, 0.1), Condition.of(500.002, 0.1));
        assertNotEquals(Condition.of(500, 0.1), Condition.of(500, 0.100002));
    }

    /** The grouping and the labels of the report and the fits never disagree: same condition ⇔ same labels. */
    @Test
    void aConditionAndItsLabelsAgree() {
        SplittableRandom rng = new SplittableRandom(42);
        List<double[]> runs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double t = 300 + 50 * rng.nextInt(8) + (rng.nextBoolean() ? 0 : rng.nextDouble() * 2e-3);
            double v = 0.05 * rng.nextInt(4) + (rng.nextBoolean() ? 0 : rng.nextDouble() * 2e-6);
            runs.add(new double[] {t, v});
        }
        int same = 0;
        for (double[] a : runs) {
            for (double[] b : runs) {
                boolean oneCondition = Condition.of(a[0], a[1]).equals(Condition.of(b[0], b[1]));
                boolean sameLabels = Labels.temperature(a[0]).equals(Labels.temperature(b[0]))
                        && Labels.vacancy(a[1]).equals(Labels.vacancy(b[1]));
                assertEquals(sameLabels, oneCondition, a[0] + "," + a[1] + " vs " + b[0] + "," + b[1]);
                if (oneCondition && a != b) same++;
            }
        }
        assertTrue(same > 400, "the sample has replicas that differ below the label precision: " + same);
    }

    @Test
    void conditionsSortByTemperatureThenVacancyFraction() {
        List<Condition> c = new ArrayList<>(List.of(Condition.of(600, 0), Condition.of(500, 0.1), Condition.of(500, 0)));
        c.sort(Condition.ORDER);
        assertEquals(List.of(Condition.of(500, 0), Condition.of(500, 0.1), Condition.of(600, 0)), c);
    }
}
