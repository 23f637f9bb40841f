/**
 * The regression gate: named baselines saved beside the results and compared configuration by configuration on
 * the headline metric. Row fields that do not apply to a missing configuration are null, as documented.
 */
package org.inferbench.baseline;
