package org.inferbench.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The coordinator of a load driven from many clients: hands each client its job, answers its clock pings with this
 * JVM's System.nanoTime, and once every client is warmed up and ready tells them all one start time (on this
 * clock); then collects their runs. One line per message over TCP (see {@link ClientLink} for the client's side).
 */
public final class Coordinator implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Between "every client is ready" and the start: enough for the start line to reach every client first. */
  static final long START_DELAY_NS = 200_000_000L;

  private final ServerSocket server;

  private Coordinator(ServerSocket server) {
    this.server = server;
  }

  /** Listens on {@code bindAddress} (127.0.0.1 for clients of this host), on a free port. */
  public static Coordinator open(String bindAddress) throws IOException {
    return new Coordinator(new ServerSocket(0, 64, InetAddress.getByName(bindAddress)));
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * Runs {@code n} clients' shares from one start time.
   *
   * @param job each client's job (its share of the load and how to align its clock), sent as it says hello
   * @param connectTimeoutS how long the clients may take to start, connect, load their model and warm up
   * @param alive false once a client process has died: waiting for it stops there
   * @return the clients' runs, by index
   */
  public List<ClientRun> run(int n, IntFunction<Map<String, Object>> job, double connectTimeoutS,
      BooleanSupplier alive) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + (long) (connectTimeoutS * 1e9);
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch start = new CountDownLatch(1);
    long[] startNs = new long[1];
    ClientRun[] runs = new ClientRun[n];
    String[] failures = new String[n + 1];
    List<Thread> handlers = new ArrayList<>();
    List<Socket> sockets = new ArrayList<>();
    server.setSoTimeout(500);
    try {
      while (sockets.size() < n) {
        waitable(deadline, alive, "of " + n + " clients, " + sockets.size() + " connected");
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        s.setTcpNoDelay(true);
        sockets.add(s);
        handlers.add(Thread.ofVirtual().start(() -> handle(s, job, ready, start, startNs, runs, failures, n)));
      }
      while (!ready.await(500, TimeUnit.MILLISECONDS)) {
        if (firstFailure(failures) != null) break;
        waitable(deadline, alive, (n - ready.getCount()) + " of " + n + " clients ready");
      }
      if (firstFailure(failures) != null) throw new IOException(firstFailure(failures));
      startNs[0] = System.nanoTime() + START_DELAY_NS;
      start.countDown();
      for (Thread t : handlers) {
        while (!t.join(java.time.Duration.ofMillis(500))) {
          if (!alive.getAsBoolean() && t.isAlive()) {
            t.join(java.time.Duration.ofSeconds(2)); // its last line may still be on its way
            if (t.isAlive()) throw new IOException("a client process ended without sending its run");
          }
        }
      }
      if (firstFailure(failures) != null) throw new IOException(firstFailure(failures));
      return List.of(runs);
    } finally {
      start.countDown();
      for (Socket s : sockets) s.close();
    }
  }

  private static void waitable(long deadline, BooleanSupplier alive, String state) throws IOException {
    if (!alive.getAsBoolean()) throw new IOException("a client process ended early (" + state + ")");
    if (System.nanoTime() > deadline) throw new IOException("clients did not get ready in time (" + state + ")");
  }

  private static String firstFailure(String[] failures) {
    for (String f : failures) if (f != null) return f;
    return null;
  }

  private static void handle(Socket s, IntFunction<Map<String, Object>> job, CountDownLatch ready,
      CountDownLatch start, long[] startNs, ClientRun[] runs, String[] failures, int n) {
    int index = n; // failures[n]: a client that failed before it said who it is
    try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String hello = in.readLine();
      if (hello == null || !hello.startsWith("hello ")) throw new IOException("expected hello, got " + hello);
      index = Integer.parseInt(hello.substring(6).trim());
      out.println("job " + JSON.writeValueAsString(job.apply(index)));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("ping")) {
          out.println("pong " + System.nanoTime());
        } else if (line.equals("ready")) {
          ready.countDown();
          start.await();
          if (startNs[0] == 0) return; // another client failed: no start
          out.println("start " + startNs[0]);
        } else if (line.startsWith("result ")) {
          runs[index] = JSON.readValue(line.substring(7), ClientRun.class);
          return;
        } else if (line.startsWith("error ")) {
          throw new IOException(line.substring(6));
        }
      }
      throw new IOException("disconnected before sending its run");
    } catch (Exception e) {
      failures[index] = "client " + (index < n ? index : "?") + ": " + e.getMessage();
      ready.countDown();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
