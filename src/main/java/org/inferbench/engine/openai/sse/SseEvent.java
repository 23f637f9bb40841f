package org.inferbench.engine.openai.sse;

/**
 * One dispatched event.
 *
 * @param type the {@code event:} field, {@code "message"} when the server sent none
 * @param data the {@code data:} lines joined with {@code "\n"}
 * @param id the last event ID in effect when the event was dispatched ({@code ""} until the server sets one); it
 *     carries over to later events, as the standard says
 * @param retryMillis the reconnection time the server last asked for, -1 if it never did
 * @param arrivalNanos the {@link System#nanoTime()} passed with the read that completed the event (the one holding
 *     its blank line), not the read that started it
 */
public record SseEvent(String type, String data, String id, long retryMillis, long arrivalNanos) {
  /** The type an event has when no {@code event:} field named one. */
  public static final String DEFAULT_TYPE = "message";
}
