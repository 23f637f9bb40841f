/**
 * One figure of XChart panels rendered as PNG and SVG. Knows nothing of results or of the report, which builds its
 * figures ({@link org.inferbench.report.Plots}) on top of this: the dependency runs one way.
 */
package org.inferbench.report.plot;
