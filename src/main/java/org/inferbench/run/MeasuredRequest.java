package org.inferbench.run;

/**
 * One measured request as the metrics need it: the length of the prompt it sent (its own where requests vary) and
 * the offsets, in ns from its start, of its output tokens (an encoder's one entry: the end of its forward pass).
 */
public record MeasuredRequest(int promptTokens, long[] offsets) {}
