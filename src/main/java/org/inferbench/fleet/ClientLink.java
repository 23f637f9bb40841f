package org.inferbench.fleet;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A client's connection to its {@link Coordinator}: its job, its clock's alignment, the common start, its run. */
public final class ClientLink implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final PrintWriter out;
  private final Map<String, Object> job;

  private ClientLink(Socket socket, int index) throws IOException {
    this.socket = socket;
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    out.println("hello " + index);
    String line = in.readLine();
    if (line == null || !line.startsWith("job ")) throw new IOException("the coordinator sent no job");
    this.job = Coordinator.JSON.readValue(line.substring(4), new TypeReference<Map<String, Object>>() {});
  }

  /** Connects as client {@code index}; an unreachable coordinator is an IOException naming it. */
  public static ClientLink connect(String host, int port, int index) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, port), 10_000);
      s.setTcpNoDelay(true);
      return new ClientLink(s, index);
    } catch (IOException e) {
      s.close();
      throw new IOException("cannot reach the coordinator at " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
  }

  public Map<String, Object> job() {
    return job;
  }

  /** Aligns this clock to the coordinator's by {@code rounds} round trips (see {@link ClockOffset#fromRoundTrips}). */
  public ClockOffset roundTrips(int rounds) throws IOException {
    List<ClockOffset.RoundTrip> trips = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long sent = System.nanoTime();
      out.println("ping");
      String pong = in.readLine();
      long received = System.nanoTime();
      if (pong == null || !pong.startsWith("pong ")) throw new IOException("the coordinator did not answer a ping");
      trips.add(new ClockOffset.RoundTrip(sent, Long.parseLong(pong.substring(5).trim()), received));
    }
    return ClockOffset.fromRoundTrips(trips);
  }

  /** Says this client is warmed up and waits for the common start; returns it on the coordinator's clock. */
  public long awaitStart() throws IOException {
    out.println("ready");
    String line = in.readLine();
    if (line == null || !line.startsWith("start ")) throw new IOException("the coordinator sent no start");
    return Long.parseLong(line.substring(6).trim());
  }

  public void send(ClientRun run) throws IOException {
    out.println("result " + Coordinator.JSON.writeValueAsString(run));
  }

  public void fail(String message) {
    out.println("error " + message.replace('\n', ' '));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
