package io.ionflow.analyze.fit;

import java.util.List;
import java.util.Map;

/**
 * The rows a fit across runs may use, and why each other row is withheld ({@link FitEligibility#rows}).
 *
 * @param rows    one fit row per (run, species)
 * @param skipped one message per diffusion row left out, naming the run and the reason
 * @param notes   other remarks (rows without mode data, …)
 * @param notDiffusive per Arrhenius series ({@code arrhenius:<species>:vac=<v>}) the runs left out because the species does
 *                not diffuse there, each with its reason
 */
public record FitRows(List<FitRow> rows, List<String> skipped, List<String> notes,
                      Map<String, List<String>> notDiffusive) {}
