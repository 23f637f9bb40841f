/**
 * Load shapes for serving benchmarks: many requests in flight, each with absolute scheduled, send and token
 * arrival times, driven closed loop (a fixed concurrency) or open loop (a request rate with seeded arrivals). The
 * generator knows nothing of HTTP or of any engine: it drives a {@link org.inferbench.load.Target}. Times are
 * System.nanoTime's. Parameters and results are non-null unless documented otherwise.
 */
package org.inferbench.load;
