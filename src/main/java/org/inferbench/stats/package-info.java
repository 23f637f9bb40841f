/**
 * Statistics over measured samples: R-7 percentiles, bootstrap and Student-t confidence intervals, summaries
 * and tests between samples. Every method takes non-null arrays; a method that may return null says so.
 */
package org.inferbench.stats;
