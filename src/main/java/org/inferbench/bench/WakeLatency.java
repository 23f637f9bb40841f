package org.inferbench.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How late this machine wakes a sleeping thread, with nothing of InferBench in the way: the floor under any timing
 * of streamed chunks (a chunk's arrival is a reader thread woken by the kernel). Two measurements at a stream's
 * pace: a thread parked until another unparks it, and a thread blocked reading a loopback TCP socket until another
 * writes one byte (the path a chunk takes, minus HTTP); each delay is the woken thread's clock minus the waker's.
 *
 * <p>Run: {@code java -cp 'target/inferbench.jar:target/lib/*' org.inferbench.bench.WakeLatency [WAKES] [GAP_MS]}
 */
public final class WakeLatency {
  private WakeLatency() {}

  public static void main(String[] args) throws Exception {
    int wakes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    long gapMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
    print("unpark → running", unparks(wakes, gapMs));
    print("loopback TCP write → read returns", socket(wakes, gapMs));
  }

  private static long[] unparks(int wakes, long gapMs) throws InterruptedException {
    long[] delay = new long[wakes];
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    Thread sleeper = Thread.ofPlatform().start(() -> {
      long before = 0;
      for (int i = 0; i < wakes; i++) {
        while (sent.get() == before) LockSupport.park();
        before = sent.get();
        delay[i] = System.nanoTime() - before;
      }
    });
    for (int i = 0; i < wakes; i++) {
      Thread.sleep(gapMs);
      sent.set(System.nanoTime());
      LockSupport.unpark(sleeper);
    }
    sleeper.join();
    return delay;
  }

  private static long[] socket(int wakes, long gapMs) throws Exception {
    long[] delay = new long[wakes];
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket writer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket reader = server.accept()) {
      writer.setTcpNoDelay(true);
      long[] sent = new long[wakes];
      Thread readerThread = Thread.ofPlatform().start(() -> {
        try {
          InputStream in = reader.getInputStream();
          for (int i = 0; i < wakes; i++) {
            if (in.read() < 0) return;
            delay[i] = System.nanoTime() - sent[i];
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      OutputStream out = writer.getOutputStream();
      for (int i = 0; i < wakes; i++) {
        Thread.sleep(gapMs);
        sent[i] = System.nanoTime();
        out.write(1);
        out.flush();
      }
      readerThread.join();
    }
    return delay;
  }

  private static void print(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%s: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d wakes)%n", what,
        s[s.length / 2] / 1e6, s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6, s.length);
  }
}
