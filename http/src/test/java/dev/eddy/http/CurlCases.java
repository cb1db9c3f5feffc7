package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.Subprocess;
import dev.eddy.stream.SubprocessOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * curl, a real peer, against HttpServer on one backend: keep-alive reuse, a chunked upload from
 * standard input, {@code Expect: 100-continue}, HEAD. curl runs as a {@link Subprocess} of the
 * server's own loop. {@code .ci/run} installs curl; elsewhere the cases are skipped without it.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class CurlCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  String base;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() throws IOException {
    assumeTrue(onPath("curl"), "curl is not installed (.ci/run installs it)");
    loop = Backends.loop(backend());
    server = new HttpServer(loop, CurlCases::answer);
    int port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  /** GET: the path and the client's port; PUT/POST: the body's length and SHA-256. */
  private static CompletionStage<?> answer(HttpServerRequest request) throws Exception {
    if (request.body().length > 0 || request.method().equals("PUT")) {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(request.body());
      return request.respond(200, request.body().length + " " + HexFormat.of().formatHex(sha)
          + "\n");
    }
    InetSocketAddress peer = (InetSocketAddress) request.remoteAddress();
    return request.respond(200, request.path() + " from port " + peer.getPort() + "\n");
  }

  /** Runs curl with {@code args}, feeding {@code stdin}; returns {stdout, stderr}. */
  private String[] curl(byte[] stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    Subprocess p = Subprocess.start(loop, command,
        SubprocessOptions.DEFAULTS.withStreams(true, true, true));
    return loop.runSync(() -> {
      CompletableFuture<Void> fed = stdin == null ? CompletableFuture.completedFuture(null)
          : p.stdin().write(stdin);
      fed.whenComplete((v, e) -> p.stdin().close());
      CompletableFuture<byte[]> out = p.stdout().readUntilClose();
      CompletableFuture<byte[]> err = p.stderr().readUntilClose();
      return p.waitForExit(true).thenCompose(code -> out.thenCombine(err, (o, e) ->
          new String[] {new String(o, StandardCharsets.UTF_8),
              new String(e, StandardCharsets.UTF_8)}));
    }, Duration.ofSeconds(30));
  }

  @Test
  void keepAliveReusesTheConnection() throws IOException {
    String[] r = curl(null, "-v", base + "/a", base + "/b");
    String[] lines = r[0].split("\n");
    assertEquals(2, lines.length, r[0]);
    assertTrue(lines[0].startsWith("/a from port "), lines[0]);
    String portA = lines[0].substring(lines[0].lastIndexOf(' '));
    assertEquals("/b from port" + portA, lines[1], "both over one connection");
    assertTrue(r[1].contains("Re-using existing connection"), r[1]);
  }

  @Test
  void chunkedUploadFromStandardInput() throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    String[] r = curl(data, "-v", "-T", "-", base + "/up");
    assertTrue(r[1].contains("Transfer-Encoding: chunked"), r[1]);
    assertEquals(data.length + " " + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(data)) + "\n", r[0]);
  }

  @Test
  void expectContinueIsAnswered() throws Exception {
    byte[] data = "expect me".getBytes(StandardCharsets.US_ASCII);
    String[] r = curl(data, "-v", "-H", "Expect: 100-continue", "--data-binary", "@-",
        base + "/post");
    assertTrue(r[1].contains("HTTP/1.1 100 Continue"), r[1]);
    assertEquals(data.length + " " + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(data)) + "\n", r[0]);
  }

  @Test
  void aGzipUploadIsDecompressed() throws Exception {
    HttpServer gunzipping = new HttpServer(loop, CurlCases::answer, HttpServerOptions.DEFAULTS
        .withParams(HttpParameters.DEFAULTS.withDecompress(true)));
    int port = ((InetSocketAddress) gunzipping.listen(0, "127.0.0.1").get(0)).getPort();
    try {
      byte[] data = "compressed on the wire, plain for the handler\n".repeat(1000)
          .getBytes(StandardCharsets.US_ASCII);
      byte[] gz = HttpServerCases.gzip(data);
      String[] r = curl(gz, "-H", "Content-Encoding: gzip", "--data-binary", "@-",
          "http://127.0.0.1:" + port + "/gz");
      assertEquals(data.length + " " + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(data)) + "\n", r[0]);
    } finally {
      gunzipping.stop();
      loop.runSync(gunzipping::closeAllConnections, Duration.ofSeconds(10));
    }
  }

  @Test
  void headGivesTheHeadersOnly() throws IOException {
    String[] r = curl(null, "-I", base + "/h");
    assertTrue(r[0].startsWith("HTTP/1.1 200 OK\r\n"), r[0]);
    assertTrue(r[0].contains("Content-Length: "), r[0]);
    assertTrue(r[0].endsWith("\r\n\r\n"), "no body after the head: " + r[0]);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
