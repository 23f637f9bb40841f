package org.inferbench.engine.openai.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.inferbench.engine.openai.stream.Api;
import org.junit.jupiter.api.Test;

/**
 * The connections under the streaming client, against a server written on a bare socket (so what happens to each TCP
 * connection is seen): a connection is reused for the next request, one the server closed while idle is replaced
 * without failing the request, a server that never answers times the request out, and a cancelled stream's
 * connection is closed.
 */
final class ConnectionsTest {
  private static final String STREAM = "data: {\"choices\":[{\"index\":0,\"text\":\"a\"}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"text\":\"b\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";

  /** A server answering {@code perConnection} requests on each connection it accepts, then closing it. */
  private static final class SocketServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch closedByClient = new CountDownLatch(1);
    final Thread thread;

    SocketServer(int perConnection, boolean answer, boolean holdStream) throws IOException {
      thread = Thread.ofPlatform().daemon().start(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            connections.incrementAndGet();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < perConnection; i++) {
              if (!readRequest(in)) break;
              if (!answer) {
                Thread.sleep(60_000);
              }
              String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n";
              if (holdStream) {
                out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] first = "data: {\"choices\":[{\"index\":0,\"text\":\"a\"}]}\n\n".getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(first);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (s.getInputStream().read() < 0) closedByClient.countDown();
                break;
              }
              byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
              out.write((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(body);
              out.flush();
            }
          } catch (IOException | InterruptedException e) {
            // the test closed the server
          }
        }
      });
    }

    /** Reads one request's head and its Content-Length body; false at the end of the connection. */
    private static boolean readRequest(BufferedReader in) throws IOException {
      int length = 0;
      String line = in.readLine();
      if (line == null) return false;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
      }
      for (int i = 0; i < length; i++) in.read();
      return true;
    }

    String endpoint() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static StreamHandle send(StreamingClient c, String endpoint, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + "/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"x\"}"));
    if (timeout != null) b.timeout(timeout);
    return c.stream(b.build(), Api.COMPLETIONS, null, System.nanoTime());
  }

  @Test
  void aConnectionIsReusedAndOneClosedWhileIdleIsReplaced() throws Exception {
    try (SocketServer server = new SocketServer(2, true, false);
        StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      for (int i = 0; i < 3; i++) {
        RequestTrace t = send(c, server.endpoint(), null).awaitTrace(10, TimeUnit.SECONDS);
        assertThat(t.ok()).as("request %d: %s", i, t.failureMessage()).isTrue();
        assertThat(t.chunks()).hasSize(2);
        Thread.sleep(100); // the server closes after its second answer: the pooled connection goes stale
      }
      assertThat(server.connections.get()).as("two requests on the first connection, the third on a new one")
          .isEqualTo(2);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesTheRequestOut() throws Exception {
    try (SocketServer server = new SocketServer(1, false, false);
        StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      RequestTrace t = send(c, server.endpoint(), Duration.ofMillis(300)).awaitTrace(10, TimeUnit.SECONDS);
      assertThat(t.failure()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(server.connections.get()).as("not sent again: a slow server is not a stale connection").isEqualTo(1);
      // the record tells a server that got the request and said nothing from one never reached
      assertThat(t.connection()).startsWith("new connection +").contains("request written +", "no headers")
          .doesNotContain("body bytes");
    }
  }

  @Test
  void aStreamThatFallsSilentSaysItWasAnsweredAndHowMuchCame() throws Exception {
    try (SocketServer server = new SocketServer(1, true, true);
        StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      StreamHandle h = send(c, server.endpoint(), null);
      assertThat(h.next(10, TimeUnit.SECONDS)).isNotNull();
      assertThatThrownBy(() -> h.next(200, TimeUnit.MILLISECONDS))
          .isInstanceOf(java.util.concurrent.TimeoutException.class)
          .hasMessageMatching("no chunk within 200 ms; connection: new connection \\+[0-9.]+ ms, request written"
              + " \\+[0-9.]+ ms, headers 200 \\+[0-9.]+ ms, [1-9][0-9]* body bytes, last read"
              + " \\+[0-9.]+ ms, now \\+.*");
      RequestTrace t = h.awaitTrace(10, TimeUnit.SECONDS);
      assertThat(t.failure()).isEqualTo(FailureKind.CANCELLED);
      assertThat(t.failureMessage()).contains("after 1 chunks");
      assertThat(t.connection()).contains("new connection", "headers 200");
    }
  }

  @Test
  void aRefusedConnectionSaysItNeverConnected() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      RequestTrace t = send(c, "http://127.0.0.1:" + port + "/v1", null).awaitTrace(10, TimeUnit.SECONDS);
      assertThat(t.failure()).isEqualTo(FailureKind.CONNECT);
      assertThat(t.connection()).contains("connecting since +", "not connected", "request not written");
    }
  }

  @Test
  void cancellingAStreamClosesItsConnection() throws Exception {
    try (SocketServer server = new SocketServer(1, true, true);
        StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      StreamHandle h = send(c, server.endpoint(), null);
      assertThat(h.next(10, TimeUnit.SECONDS)).isNotNull();
      h.close();
      assertThat(h.awaitTrace(10, TimeUnit.SECONDS).failure()).isEqualTo(FailureKind.CANCELLED);
      assertThat(server.closedByClient.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
