package org.inferbench.workload;

/**
 * What one request asks for: its prompt length and output length, and its prompt's text where a request file gives
 * one.
 *
 * @param prompt the prompt's length in tokens; for a text prompt, its words (until a tokenizer counts it)
 * @param text the prompt's text, or null where a prompt of {@code prompt} tokens is synthesized
 */
public record RequestInput(int prompt, int output, String text) {}
