/**
 * HTML escaping. Knows nothing of results or of the report, which renders its page
 * ({@link org.inferbench.report.HtmlReport}) on top of this: the dependency runs one way.
 */
package org.inferbench.report.html;
