package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.IOLoop;
import dev.eddy.loop.PollerSelection;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.stream.IOStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Big hostile-but-legal inputs sent to a real HttpServer on one backend: each must be answered
 * right, well within the timeout. These guard against hangs and quadratic algorithms, not for
 * speed: every input is sized so that a linear parser takes well under a second and a quadratic
 * one minutes (Tornado CVE-2025-67725, many header fields; CVE-2025-67726, multipart scanning).
 * A subclass per backend runs them.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class ComplexityCases {

  abstract String backend();

  IOLoop loop;
  HttpServer server;
  int port;

  @BeforeAll
  static void probeBackends() {
    PollerSelection.all().forEach(PollerProvider::isAvailable);
  }

  @BeforeEach
  void open() {
    loop = Backends.loop(backend());
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
      loop.runSync(server::closeAllConnections, Duration.ofSeconds(10));
      assertEquals(0, server.connectionCount());
    }
    if (loop != null) {
      loop.close(true);
    }
  }

  void start(HttpRequestHandler handler, HttpParameters params) throws IOException {
    server = new HttpServer(loop, handler, HttpServerOptions.DEFAULTS.withParams(params));
    port = ((InetSocketAddress) server.listen(0, "127.0.0.1").get(0)).getPort();
  }

  /**
   * Sends {@code request} (which asks the server to close after its answer) on a new connection
   * and returns the single final answer's status and body.
   */
  String[] send(byte[] request) {
    String answer = loop.runSync(() -> IOStream.connect(loop,
        new InetSocketAddress("127.0.0.1", port)).thenCompose(c -> c.write(request)
            .thenCompose(v -> c.readUntilClose())
            .whenComplete((v, e) -> c.close()))
        .thenApply(b -> new String(b, StandardCharsets.ISO_8859_1)), Duration.ofSeconds(25));
    List<String> finals = Fixture.finalStatuses(answer);
    assertEquals(1, finals.size(), answer);
    return new String[] {finals.get(0), answer.substring(answer.indexOf("\r\n\r\n") + 4)};
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The number of values over all names. */
  static int values(Map<String, List<String>> arguments) {
    return arguments.values().stream().mapToInt(List::size).sum();
  }

  /** A head for {@code body}, framed by its Content-Length. */
  static byte[] post(String type, byte[] body) {
    byte[] head = b("POST /form HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: "
        + type + "\r\nContent-Length: " + body.length + "\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
    out.writeBytes(head);
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Test
  void aHundredThousandRepeatedHeaderFields() throws IOException {
    int n = 100_000;
    StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n");
    for (int i = 0; i < n; i++) {
      head.append("X-Same: v").append(i).append("\r\n");
    }
    byte[] request = b(head.append("\r\n").toString());
    start(req -> {
      List<String> all = req.headers().getAll("x-same");
      return req.respond(200, all.size() + " " + all.get(0) + " " + all.get(all.size() - 1));
    }, HttpParameters.DEFAULTS.withMaxHeaderBytes(request.length).withMaxHeaderCount(n + 2));
    assertEquals(List.of("200", n + " v0 v" + (n - 1)), List.of(send(request)));
  }

  @Test
  void aQueryStringOfAHundredThousandParameters() throws IOException {
    // The second half without '=' (flags): none may search the rest of the query for one.
    int n = 100_000;
    StringBuilder target = new StringBuilder("/q?");
    for (int i = 0; i < n; i++) {
      target.append(i < n / 2 ? "k" + i % 1000 + "=" + i : "flag").append('&');
    }
    start(req -> req.respond(200, values(req.queryArguments()) + " "
        + req.queryArguments().get("flag").size()),
        HttpParameters.DEFAULTS.withMaxHeaderBytes(4 << 20).withMaxStartLineBytes(4 << 20));
    String[] answer = send(b("GET " + target
        + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
    assertEquals(List.of("200", n + " " + n / 2), List.of(answer));
  }

  @Test
  void aFormBodyOfTwoHundredThousandPairs() throws IOException {
    int n = 200_000;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      // The second half has no '=' at all: "ab%41+c" is a name with an empty value.
      body.append(i < n / 2 ? "name" + i % 100 + "=v%20" + i : "ab%41+c" + i % 10).append('&');
    }
    byte[] bytes = b(body.toString());
    assertTrue(bytes.length > 2_000_000, "about 2 MiB: " + bytes.length);
    start(req -> req.respond(200, values(req.arguments()) + " "
        + req.bodyArguments().get("abA c7").size() + " " + req.bodyArguments().get("name3").get(0)),
        HttpParameters.DEFAULTS);
    String[] answer = send(post("application/x-www-form-urlencoded", bytes));
    assertEquals(List.of("200", n + " " + n / 20 + " v 3"), List.of(answer));
  }

  /** A multipart/form-data body of {@code parts} small fields. */
  static byte[] multipart(String boundary, int parts) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f")
          .append(i).append("\"\r\n\r\nvalue ").append(i).append("\r\n");
    }
    return b(body.append("--").append(boundary).append("--\r\n").toString());
  }

  @Test
  void multipartPartsUpToTheLimitAndOneOver() throws IOException {
    String boundary = "b0undary";
    start(req -> req.respond(200, Integer.toString(values(req.bodyArguments()))),
        HttpParameters.DEFAULTS);
    String type = "multipart/form-data; boundary=" + boundary;
    assertEquals(List.of("200", Integer.toString(Multipart.MAX_PARTS)),
        List.of(send(post(type, multipart(boundary, Multipart.MAX_PARTS)))));
    String[] over = send(post(type, multipart(boundary, Multipart.MAX_PARTS + 1)));
    assertEquals("400", over[0]);
    assertTrue(over[1].contains("more than " + Multipart.MAX_PARTS + " multipart parts"),
        over[1]);
  }

  @Test
  void aLargeMultipartPartFullOfNearBoundaries() throws IOException {
    // Tornado CVE-2025-67726: a part full of "\r\n--" and most of the boundary made a scanner
    // that restarts at each near match quadratic.
    String boundary = "----EddyBoundary7MA4YWxkTrZu0gW" + "x".repeat(38);
    String near = "\r\n--" + boundary.substring(0, boundary.length() - 1) + "!";
    StringBuilder content = new StringBuilder();
    while (content.length() < 6 << 20) {
      content.append(near).append("\r\n-").append("\r\n--").append(boundary, 0, 10);
    }
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
        + "filename=\"f.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    byte[] body = b(head + content + "\r\n--" + boundary + "--\r\n");
    start(req -> {
      HttpFile file = req.files().get("file").get(0);
      return req.respond(200, file.body().length + " " + file.filename());
    }, HttpParameters.DEFAULTS);
    String[] answer = send(post("multipart/form-data; boundary=\"" + boundary + "\"", body));
    assertEquals(List.of("200", content.length() + " f.bin"), List.of(answer));
  }

  /** A chunked request of {@code count} chunks of one byte, each line {@code "1" + ext}. */
  static byte[] oneByteChunks(int count, String ext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * (6 + ext.length()) + 100);
    out.writeBytes(b("POST /chunks HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n"));
    byte[] chunk = b("1" + ext + "\r\nx\r\n");
    for (int i = 0; i < count; i++) {
      out.writeBytes(chunk);
    }
    out.writeBytes(b("0\r\n\r\n"));
    return out.toByteArray();
  }

  @Test
  void twoHundredThousandOneByteChunks() throws IOException {
    int n = 200_000;
    start(req -> req.respond(200, Integer.toString(req.body().length)), HttpParameters.DEFAULTS);
    assertEquals(List.of("200", Integer.toString(n)), List.of(send(oneByteChunks(n, ""))));
  }

  @Test
  void oneByteChunksEachWithExtensions() throws IOException {
    // Extensions are parsed by their grammar and ignored (RFC 9112 §7.1.1), each line bounded.
    int n = 100_000;
    start(req -> req.respond(200, Integer.toString(req.body().length)), HttpParameters.DEFAULTS);
    String ext = " ; name=value;flag; q=\"quoted \\\" ; string\"";
    assertEquals(List.of("200", Integer.toString(n)), List.of(send(oneByteChunks(n, ext))));
  }

  @Test
  void chunksWithExtensionsAtTheLineLimit() throws IOException {
    // Each line exactly maxChunkLineBytes (4 KiB): 16 MiB of extensions around 4 KiB of data.
    int n = 4096;
    String ext = ";a=" + "b".repeat(HttpParameters.DEFAULTS.maxChunkLineBytes() - 4);
    start(req -> req.respond(200, Integer.toString(req.body().length)), HttpParameters.DEFAULTS);
    assertEquals(List.of("200", Integer.toString(n)), List.of(send(oneByteChunks(n, ext))));
  }
}
