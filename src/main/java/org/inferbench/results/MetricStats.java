package org.inferbench.results;

/**
 * Statistics of one metric over the measured requests of a configuration (METRICS.md): percentiles by the R-7
 * rule, p50 is the median, confidence intervals are 95 % percentile bootstraps.
 */
public record MetricStats(
    String unit,
    int count,
    double mean,
    double std,
    double cv,
    double min,
    double max,
    double p50,
    double p90,
    double p95,
    double p99,
    double meanCiLow,
    double meanCiHigh,
    double p50CiLow,
    double p50CiHigh) {}
