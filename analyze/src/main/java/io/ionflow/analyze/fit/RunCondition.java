package io.ionflow.analyze.fit;

/** One run's condition from {@code runs/} (the {@code runs/} columns, or what a diffusion or modes table records). */
public record RunCondition(String runId, double temperatureK, double vacancyFraction, int replica) {}
