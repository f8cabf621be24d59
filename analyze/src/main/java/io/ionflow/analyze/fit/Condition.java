package io.ionflow.analyze.fit;

import java.util.Comparator;

/**
 * One condition of a campaign, as runs are grouped into conditions everywhere (the vacancy comparison, the report's
 * condition tables and figures): the temperature rounded to 1 mK and the vacancy fraction to 1e-6, the precision of
 * their {@link Labels}. Replicas of one condition differ only in their seeds.
 *
 * @param temperatureK    K, rounded to 1 mK
 * @param vacancyFraction rounded to 1e-6
 */
public record Condition(double temperatureK, double vacancyFraction) {
    /** Temperature first, then vacancy fraction. */
    public static final Comparator<Condition> ORDER = Comparator.comparingDouble(Condition::temperatureK)
            .thenComparingDouble(Condition::vacancyFraction);

    /** The condition of a run at {@code temperatureK} with {@code vacancyFraction}. */
    public static Condition of(double temperatureK, double vacancyFraction) {
        return new Condition(Math.round(temperatureK * 1e3) / 1e3, Math.round(vacancyFraction * 1e6) / 1e6);
    }

    /** The condition of a run. */
    public static Condition of(RunCondition run) {
        return of(run.temperatureK(), run.vacancyFraction());
    }
}
