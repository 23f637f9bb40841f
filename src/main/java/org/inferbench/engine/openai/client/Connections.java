package org.inferbench.engine.openai.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * HTTP/1.1 connections for streamed requests, on Netty event loops: the thread that reads a socket also splits its
 * bytes into HTTP chunks and SSE events and stamps them, so a chunk's arrival time is taken where its bytes were
 * read, with no hand-over to another thread before it. One loop per core reads many connections each. (The JDK's
 * HttpClient, used before, reads every connection on one selector thread and hands each buffer to an executor: at
 * 5,000 chunks/s it used most of a core and its stamps trailed the server's writes by tens of ms; README,
 * "Serving accuracy".) Idle connections are kept per host and reused, as a client library's pool does.
 */
final class Connections implements AutoCloseable {
  static {
    // Netty logs through SLF4J when a jar on the path brings its API, which then warns that it has no provider
    io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
  }

  private final EventLoopGroup loops;
  private final Bootstrap bootstrap;
  private final Map<String, ConcurrentLinkedDeque<Channel>> idle = new ConcurrentHashMap<>();
  private volatile SslContext tls;

  Connections(Duration connectTimeout) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("inferbench-http", true),
        NioIoHandler.newFactory());
    bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
  }

  /**
   * Sends one request on an idle connection to its host, or a new one; the reader learns everything that follows.
   *
   * @param headersTimeout null: none; else the response's headers must arrive within it
   */
  void send(URI uri, String method, Map<String, String> headers, byte[] body, Duration headersTimeout,
      StreamReader reader) {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String key = (https ? "https://" : "http://") + uri.getHost() + ":" + port;
    Exchange.Send send = new Exchange.Send(key, () -> request(uri, method, headers, body, port, https), headersTimeout,
        reader);
    Channel reused = takeIdle(key);
    if (reused != null) {
      // a server may have closed it meanwhile (keep-alive timeouts): broken before an answer, it is sent again anew
      reader.connected(true);
      start(reused, send, () -> connect(uri, https, port, send));
    } else {
      connect(uri, https, port, send);
    }
  }

  private void connect(URI uri, boolean https, int port, Exchange.Send send) {
    Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) throws SSLException {
        if (https) ch.pipeline().addLast(tls().newHandler(ch.alloc(), uri.getHost(), port));
        ch.pipeline().addLast(new ReadStamp(), new HttpClientCodec(), new Exchange());
      }
    });
    send.reader().connecting();
    ChannelFuture connect = b.connect(uri.getHost(), port);
    send.reader().onAbort(() -> connect.channel().close());
    connect.addListener(f -> {
      if (f.isSuccess()) {
        send.reader().connected(false);
        start(connect.channel(), send, null);
      } else {
        send.reader().failed(f.cause());
      }
    });
  }

  private static FullHttpRequest request(URI uri, String method, Map<String, String> headers, byte[] body, int port,
      boolean https) {
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path,
        Unpooled.wrappedBuffer(body));
    boolean defaultPort = port == (https ? 443 : 80);
    r.headers().set(HttpHeaderNames.HOST, uri.getHost() + (defaultPort ? "" : ":" + port));
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    headers.forEach((k, v) -> r.headers().set(k, v));
    return r;
  }

  private Channel takeIdle(String key) {
    ConcurrentLinkedDeque<Channel> q = idle.get(key);
    if (q == null) return null;
    for (Channel c = q.pollFirst(); c != null; c = q.pollFirst()) {
      if (c.isActive()) return c;
    }
    return null;
  }

  /** @param retry null, or how to send again on a new connection if this one breaks before an answer */
  private void start(Channel channel, Exchange.Send send, Runnable retry) {
    channel.eventLoop().execute(() -> {
      // a pooled connection the server closed after it was taken (its handlers then gone from the pipeline): the
      // request was never written, so it is sent again on a new one. Unchecked, this task failed on the loop and
      // the request waited, unwritten, for its read timeout (the 120-s silences seen against llama-server)
      Exchange exchange = channel.pipeline().get(Exchange.class);
      if (exchange == null || !channel.isActive()) {
        if (retry != null) {
          retry.run();
        } else {
          send.reader().failed(new java.io.IOException("connection closed before the request was written"));
        }
        return;
      }
      try {
        exchange.begin(channel, send, retry);
        send.reader().onAbort(channel::close);
        channel.writeAndFlush(send.request().get()).addListener(w -> {
          if (w.isSuccess()) send.reader().written();
          else exchange.broke(w.cause());
        });
      } catch (RuntimeException e) {
        exchange.broke(e); // never leave a request waiting on a task that failed
      }
    });
  }

  private SslContext tls() throws SSLException {
    if (tls == null) {
      synchronized (this) {
        if (tls == null) tls = SslContextBuilder.forClient().build();
      }
    }
    return tls;
  }

  @Override
  public void close() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Stamps each read before HTTP decoding: the time every message decoded from those bytes arrived. */
  private static final class ReadStamp extends ChannelInboundHandlerAdapter {
    long nanos;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      nanos = System.nanoTime();
      ctx.fireChannelRead(msg);
    }
  }

  /** The request in flight on one connection, fed by the decoder on the connection's loop thread. */
  private final class Exchange extends ChannelInboundHandlerAdapter {
    /** One request as sent: the pool it returns to, how to build it (again), and its reader. */
    record Send(String key, java.util.function.Supplier<FullHttpRequest> request, Duration headersTimeout,
        StreamReader reader) {}

    private Send send;
    private StreamReader reader;
    private Runnable retry;
    private boolean keepAlive;
    private ScheduledFuture<?> timeout;

    void begin(Channel channel, Send s, Runnable retryFresh) {
      send = s;
      reader = s.reader();
      retry = retryFresh;
      keepAlive = true;
      if (s.headersTimeout() != null) {
        StreamReader r = reader;
        timeout = channel.eventLoop().schedule(() -> {
          if (reader == r) {
            retry = null; // a server too slow to answer is not a stale connection
            broke(new HttpTimeoutException("request timed out"));
            channel.close();
          }
        }, s.headersTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
    }

    void broke(Throwable t) {
      StreamReader r = reader;
      reader = null;
      cancelTimeout();
      if (r == null || r.finished()) return;
      if (retry != null && !r.answered()) {
        Runnable again = retry;
        retry = null;
        again.run();
      } else {
        r.failed(t);
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      long now = ctx.pipeline().get(ReadStamp.class).nanos;
      try {
        StreamReader r = reader;
        if (r == null) return; // bytes after the exchange ended (cancelled): dropped with the connection
        if (msg instanceof HttpResponse h) {
          cancelTimeout();
          keepAlive = HttpUtil.isKeepAlive(h);
          retry = null; // answered: a break from now on is the stream's
          r.headers(h.status().code(), h.headers().get(HttpHeaderNames.CONTENT_TYPE), now);
        }
        if (msg instanceof HttpContent c) {
          ByteBuf content = c.content();
          if (content.isReadable()) r.body(content.nioBuffer(), now);
          if (msg instanceof LastHttpContent) {
            reader = null;
            r.complete();
            if (keepAlive && ctx.channel().isActive()) {
              idle.computeIfAbsent(send.key(), k -> new ConcurrentLinkedDeque<>()).addFirst(ctx.channel());
            } else {
              ctx.close();
            }
          } else if (r.finished()) {
            reader = null; // ended from inside the stream (an error event): the connection is closed
            ctx.close();
          }
        }
      } finally {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      broke(new java.io.IOException("connection closed by the server"));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      broke(cause);
      ctx.close();
    }

    private void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
        timeout = null;
      }
    }
  }
}
