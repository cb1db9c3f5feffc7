package dev.eddy.benchmarks.soak;

import dev.eddy.examples.hello.HelloApp;
import dev.eddy.http.HttpServer;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.stream.LoopGroup;
import dev.eddy.stream.TcpServerGroup;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The server of the soak run, in its own JVM: {@link HelloApp} (the README's {@code /}, {@code
 * /json} and {@code /static/…}) plus {@code POST /upload}, which answers the length of the body
 * it received, and {@code GET /stream?kib=N}, which streams N KiB in flushed 64 KiB pieces, each
 * waiting for the previous one to reach the kernel (so a slow reader holds the handler back
 * instead of piling the answer up in memory).
 *
 * <pre>java -cp eddy-benchmarks.jar dev.eddy.benchmarks.soak.SoakServer --port P --static DIR
 * [--backend NAME]</pre>
 *
 * <p>It prints {@code listening on PORT} once it accepts connections, then serves until killed.
 */
public final class SoakServer {

  static final String UPLOAD_PATH = "/upload";
  static final String STREAM_PATH = "/stream";
  private static final int PIECE = 64 * 1024;

  private SoakServer() {}

  /** {@code GET /stream?kib=N}: N KiB of {@code 's'}, chunked, each piece after the last. */
  static final class Stream extends RequestHandler {
    private static final byte[] PIECE_BYTES = filled(PIECE);

    @Override
    protected Object get() {
      long kib = Long.parseLong(getArgument("kib", "1024"));
      if (kib < 1 || kib > 1024 * 1024) {
        throw new IllegalArgumentException("kib must be 1 to 1048576, not " + kib);
      }
      setHeader("Content-Type", "application/octet-stream");
      return send(kib * 1024);
    }

    private CompletionStage<Void> send(long left) {
      if (left <= 0) {
        return CompletableFuture.completedFuture(null);
      }
      write(left >= PIECE ? PIECE_BYTES : Arrays.copyOf(PIECE_BYTES, (int) left));
      return flush().thenCompose(v -> send(left - PIECE));
    }

    private static byte[] filled(int n) {
      byte[] b = new byte[n];
      Arrays.fill(b, (byte) 's');
      return b;
    }
  }

  /** The soak application: the hello app with the upload and stream routes. */
  static Application create(Path staticDir) {
    return HelloApp.create(staticDir)
        .post(UPLOAD_PATH, ctx -> Integer.toString(ctx.request().body().length))
        .add(STREAM_PATH, Stream::new);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = -1;
    Path dir = null;
    String backend = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--static" -> dir = Path.of(args[i + 1]);
        case "--backend" -> backend = args[i + 1];
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    if (port < 0 || dir == null || args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: --port P --static DIR [--backend NAME]");
    }
    PollerProvider provider = backend == null
        ? PollerSelection.choose() : PollerSelection.named(backend);
    LoopGroup loops = LoopGroup.start(1, provider);
    Application app = create(dir);
    TcpServerGroup servers = HttpServer.listenOnGroup(loops, port, "127.0.0.1", loop -> app,
        HttpServerOptions.DEFAULTS);
    System.out.println("listening on "
        + ((InetSocketAddress) servers.addresses().get(0)).getPort() + " with "
        + provider.name());
    System.out.flush();
    Thread.currentThread().join();
  }
}
