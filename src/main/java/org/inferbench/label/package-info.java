/** How a configuration is named wherever it is shown: progress, tables, reports, the regression gate. */
package org.inferbench.label;
