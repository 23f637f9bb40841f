package org.inferbench.serve;

/** The two OpenAI endpoints served: their paths and the object names their chunks and responses carry. */
enum ServeApi {
  COMPLETIONS("/v1/completions", "text_completion", "text_completion", "cmpl-"),
  CHAT("/v1/chat/completions", "chat.completion.chunk", "chat.completion", "chatcmpl-");

  final String path;
  final String chunkObject;
  final String responseObject;
  final String idPrefix;

  ServeApi(String path, String chunkObject, String responseObject, String idPrefix) {
    this.path = path;
    this.chunkObject = chunkObject;
    this.responseObject = responseObject;
    this.idPrefix = idPrefix;
  }
}
