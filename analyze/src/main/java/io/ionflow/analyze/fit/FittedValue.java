package io.ionflow.analyze.fit;

/**
 * A fitted model's in-sample value at one of the rows it was fitted to ({@code analysis/fits/fitted}): the observed D
 * beside the model's D, both in cm²/s with their standard errors.
 */
public record FittedValue(String model, String runId, String species, double temperatureK, double vacancyFraction,
                          double fU, double fDw, double dObsCm2s, double dObsErrCm2s, double dFitCm2s,
                          double dFitErrCm2s) {
    /** The value of {@code model} at {@code row}. */
    static FittedValue at(String model, FitRow row, double dFitCm2s, double dFitErrCm2s) {
        return new FittedValue(model, row.runId(), row.species(), row.temperatureK(), row.vacancyFraction(), row.fU(),
                row.fDw(), row.dCm2s(), row.dErrCm2s(), dFitCm2s, dFitErrCm2s);
    }
}
