package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vacancy-effect statement in words; the numbers behind it are analyze's (VacancyComparisonTest). */
class ReportVacancyEffectTest {
    private static final VacancyEffect.Subject AG2TE = new VacancyEffect.Subject("Ag", "Te");

    @Test
    void namesTheChosenTemperatureFractionAndPublishedValue() {
        List<FitRow> rows = List.of(
                FitRow.of("a", "Ag", 500, 0.0, 1.0e-5, 0.1e-5),   // 500 K has no vacancy run: not usable
                FitRow.of("b", "Ag", 560, 0.0, 1.1e-5, 0.1e-5),
                FitRow.of("e", "Ag", 560, 0.125, 2.2e-5, 0.2e-5)); // which rows and why: VacancyComparisonTest
        VacancyEffect.Result r = VacancyEffect.compute(rows, Map.of(), Map.of(), AG2TE, "msd");
        assertTrue(r.available());
        assertEquals(560, r.temperatureK());
        assertEquals(0.125, r.vacancyFraction());
        assertEquals(2.0, r.d().ratio(), 1e-12);
        assertNull(r.fU());
        assertTrue(r.sentence().contains("the temperature closest to 500 K with both pristine and Te-vacancy runs"), r.sentence());
        assertTrue(r.sentence().contains("12.5 % Te vacancies"), r.sentence());
        assertTrue(r.sentence().contains("f_u cannot be compared"), r.sentence());
        assertTrue(r.sentence().contains("×1.83 (0.84e-5 → 1.54e-5 cm²/s)"), r.sentence());
    }

    @Test
    void saysLowerOrNotResolvedAndComparesFu() {
        List<FitRow> rows = List.of(FitRow.of("p", "Ag", 500, 0.0, 1.0e-5, 0.05e-5), FitRow.of("v", "Ag", 500, 0.1, 0.98e-5, 0.05e-5));
        Map<String, RunCondition> cond = Map.of("p", new RunCondition("p", 500, 0, 0), "v", new RunCondition("v", 500, 0.1, 0));
        Map<String, ModeMean> modes = Map.of(
                "p", new ModeMean("p", 0.05, 0.001, 1, Double.NaN, Double.NaN, 10, 500, 0),
                "v", new ModeMean("v", 0.04, 0.001, 1, Double.NaN, Double.NaN, 10, 500, 0.1));
        VacancyEffect.Result r = VacancyEffect.compute(rows, cond, modes, AG2TE, "msd");
        assertEquals("not resolved", r.d().verdict());
        assertTrue(r.sentence().contains("do not measurably change D_Ag (the ratio is within 2σ of 1)"), r.sentence());
        assertEquals("lower", r.fU().verdict());
        assertEquals(0.8, r.fU().ratio(), 1e-12);
        assertTrue(r.sentence().contains("Te vacancies lower f_u"), r.sentence());

        VacancyEffect.Result none = VacancyEffect.compute(List.of(FitRow.of("p", "Ag", 500, 0.0, 1e-5, 1e-6)), cond, modes, AG2TE, "msd");
        assertFalse(none.available());
        assertTrue(none.sentence().contains("cannot be answered from this archive"), none.sentence());
    }

    @Test
    void anotherMaterialIsAskedAboutItsMostMobileSpeciesWithoutTheAg2TeReference() {
        List<FitRow> rows = List.of(FitRow.of("p", "Li", 500, 0.0, 1.0e-6, 0.05e-6),
                FitRow.of("v", "Li", 500, 0.05, 2.0e-6, 0.05e-6), FitRow.of("p", "S", 500, 0.0, 3.0e-9, 1e-9),
                FitRow.of("v", "S", 500, 0.05, 5.0e-9, 1e-9));
        VacancyEffect.Subject subject = VacancyEffect.Subject.of(List.of("Li", "P", "S"), rows);
        assertEquals(new VacancyEffect.Subject("Li", null), subject, "Li: the larger median D; no Te, no Ag");
        VacancyEffect.Result r = VacancyEffect.compute(rows, Map.of(), Map.of(), subject, "msd");
        assertEquals("Do anion vacancies raise D_Li and f_u at 500 K?", r.question());
        assertTrue(r.sentence().contains("comparing 5 % anion vacancies (the highest fraction present) with 0 %"), r.sentence());
        assertTrue(r.sentence().contains("Anion vacancies raise D_Li"), r.sentence());
        assertFalse(r.sentence().contains("Published") || r.sentence().contains("1.83"), "the Ag2Te figures do not apply");
        assertEquals(2.0, r.d().ratio(), 1e-12);

        assertEquals(new VacancyEffect.Subject("Ag", "Te"), VacancyEffect.Subject.of(List.of("Ag", "Te"), List.of()),
                "Ag2Te is asked about Ag even when Ag has no usable D");
        VacancyEffect.Result none = VacancyEffect.compute(List.of(), Map.of(), Map.of(),
                VacancyEffect.Subject.of(List.of("Si"), List.of()), "msd");
        assertFalse(none.available());
        assertEquals("no species has a usable D", none.reason());
        assertEquals("Do anion vacancies raise D and f_u at 500 K?", none.question());
    }
}
