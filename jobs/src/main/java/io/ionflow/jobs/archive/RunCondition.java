package io.ionflow.jobs.archive;

/** One run's condition from {@code runs/} (see {@link RunsReader#conditions}). */
public record RunCondition(String runId, double temperatureK, double vacancyFraction, int replica) {}
