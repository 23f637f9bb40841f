/**
 * Energy counters read around the measured requests: RAPL package counters and NVIDIA GPUs. A meter that cannot
 * read says why instead of returning zero. Nothing here is null unless documented (reasons are null when a meter
 * is available).
 */
package org.inferbench.measure.energy;
