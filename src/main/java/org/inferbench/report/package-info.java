/**
 * The {@code inferbench report} library: from result records to terminal tables, CSV/JSON tables, plots and one
 * self-contained HTML file. {@link org.inferbench.report.Report} is the entry point. Nothing here is null unless
 * documented.
 */
package org.inferbench.report;
