/**
 * A load driven from many client processes: each client's share of the load, the clocks they share or are aligned
 * to, and one run pooled from their timelines. Nothing here is null unless a parameter says so.
 */
package org.inferbench.fleet;
