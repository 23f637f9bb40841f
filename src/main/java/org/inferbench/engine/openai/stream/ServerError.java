package org.inferbench.engine.openai.stream;

/**
 * An error the server sent inside the stream instead of a chunk, typically after the response status was already
 * 200: {@code {"error": {"message", "type", "code"}}}, the older flat {@code {"object": "error", "message", ...}}, or
 * {@code {"error": "text", "error_type": ...}}.
 *
 * @param message what went wrong, {@code ""} if the server did not say
 * @param type nullable
 * @param code nullable; numbers are kept as their text
 */
public record ServerError(String message, String type, String code) implements StreamMessage {}
