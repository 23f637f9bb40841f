package org.inferbench.engine.openai.stream;

/** Which OpenAI endpoint a stream answers: where a chunk keeps its text. */
public enum Api {
  /** {@code /v1/completions}: {@code choices[].text}. */
  COMPLETIONS,
  /** {@code /v1/chat/completions}: {@code choices[].delta.content}, and the reasoning text beside it. */
  CHAT
}
