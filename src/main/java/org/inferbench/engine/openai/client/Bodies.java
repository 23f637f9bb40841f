package org.inferbench.engine.openai.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The bytes of a request's body, read from its publisher before the clock of the request starts: callers build
 * requests with the JDK's {@link HttpRequest} (its builder checks URIs and headers), while the bytes travel on
 * {@link Connections}.
 */
final class Bodies {
  private Bodies() {}

  static byte[] bytes(HttpRequest request) {
    var publisher = request.bodyPublisher();
    if (publisher.isEmpty()) return new byte[0];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.get().subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer b) {
        byte[] part = new byte[b.remaining()];
        b.get(part);
        out.writeBytes(part);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(out.toByteArray());
      }
    });
    return done.join();
  }
}
