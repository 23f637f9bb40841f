/** Curve fits over measured results: how a latency scales with a length. Nothing here is null unless documented. */
package org.inferbench.stats.fit;
