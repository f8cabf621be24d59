package io.ionflow.analyze.fit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-sample values of {@code analysis/fits/fitted} are each model's formula evaluated with the model's own published
 * parameters (the {@code parameters} table), at exactly the rows of its series.
 */
class FittedValuesTest {
    @Test
    void eachValueIsTheModelAtItsRowFromThePublishedParameters() {
        List<FitRow> rows = new ArrayList<>(ModeModelFitTest.powerLawData(new SplittableRandom(7L), 2.0e-3, 1.7, 0.05, 0));
        rows.add(FitRow.of("te", "Te", 700, 0.1, 1e-6, 1e-7)); // a species with one temperature: no model, no value
        ModelFits.Summary s = ModelFits.fitAll(rows, FitOptions.defaults());
        Map<String, Map<String, Double>> p = s.parameters().stream().collect(Collectors.groupingBy(ModelParameter::model,
                Collectors.toMap(ModelParameter::parameter, ModelParameter::value)));
        List<FittedValue> fitted = s.fitted(rows);
        int arrhenius = 0;
        int powerLaw = 0;
        for (FittedValue f : fitted) {
            FitRow r = rows.stream().filter(x -> x.runId().equals(f.runId())).findFirst().orElseThrow();
            assertEquals(r.dCm2s(), f.dObsCm2s(), 0, "observed D is the row's");
            Map<String, Double> m = p.get(f.model());
            double expected;
            if (f.model().startsWith("arrhenius:")) {
                assertEquals(Arrhenius.modelName("Ag", r.vacancyFraction()), f.model(), "only its own series' rows");
                expected = Math.exp(m.get("lnD0") - m.get("Ea_eV") / (Arrhenius.KB_EV_PER_K * r.temperatureK()));
                arrhenius++;
            } else if (f.model().equals("powerlaw:Ag")) {
                expected = Math.exp(m.get("lnA")) * Math.pow(r.fU(), m.get("n"));
                powerLaw++;
            } else {
                continue;
            }
            assertEquals(expected, f.dFitCm2s(), 1e-12 * expected, f.model() + " at " + f.runId());
            assertTrue(f.dFitErrCm2s() > 0, "a fitted value has an error: " + f);
        }
        assertEquals(20, arrhenius, "every Ag row in its vacancy fraction's series, once");
        assertEquals(20, powerLaw, "every Ag row with f_u");
        assertTrue(fitted.stream().noneMatch(f -> f.species().equals("Te")), "Te has no fitted model");
    }
}
