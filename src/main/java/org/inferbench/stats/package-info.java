/**
 * Statistics over measured samples: R-7 percentiles, bootstrap and Student-t confidence intervals and tests
 * between samples. Generic maths over arrays: nothing here knows the result records ({@code results.Summaries}
 * turns samples into a record's metric statistics with these). Every method takes non-null arrays; a method that
 * may return null says so.
 */
package org.inferbench.stats;
