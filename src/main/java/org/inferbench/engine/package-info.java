/**
 * The engine SPI: engines declare capabilities and settings, describe a model cheaply, prepare it once, load it
 * and run requests step by step while the harness holds the clock. Engines never print and never time metrics.
 * Parameters and results are non-null unless documented otherwise.
 */
package org.inferbench.engine;
