/**
 * The harness's clock (token timelines), the trackers measured beside the requests (memory, JVM, energy) and the
 * environment snapshot. Readings a machine cannot give are left out of the result rather than guessed.
 */
package org.inferbench.measure;
