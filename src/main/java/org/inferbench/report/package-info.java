/**
 * The {@code inferbench report} library: from result records to terminal tables, CSV/JSON tables, plots and one
 * self-contained HTML file. {@link org.inferbench.report.Report} is the entry point. Nothing here is null unless
 * documented. The subpackages (html, plot, table) are rendering primitives that import nothing from here, so that
 * the report depends on them and never the other way round.
 */
package org.inferbench.report;
