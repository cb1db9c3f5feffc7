package dev.eddy.benchmarks.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The runner's own small HTTP/1.1 client over a plain socket, on 127.0.0.1: a free port, a
 * readiness wait, one GET, and the allocation endpoint.
 */
public final class Probe {

  private static final int TIMEOUT_MS = 5_000;

  /**
   * One response.
   *
   * @param contentType the {@code Content-Type} header, or ""
   */
  record Response(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Probe() {}

  /** A port nothing listens on at the moment, on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Waits until {@code server} answers {@code GET /plaintext} with 200, with a short back-off.
   *
   * @throws IOException naming the server if it exits first or does not answer within {@code
   *     limit}
   */
  static void awaitReady(String name, Process server, int port, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long pause = 20;
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IOException(name + " exited with status " + server.exitValue()
            + " before answering on 127.0.0.1:" + port);
      }
      try {
        Response r = get(port, "/plaintext");
        if (r.status() == 200) {
          return;
        }
        last = "status " + r.status();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 250);
    }
    throw new IOException(name + " did not answer GET /plaintext on 127.0.0.1:" + port
        + " within " + limit.toSeconds() + " s (last: " + last + ")");
  }

  /** The bytes the server's loop threads have allocated so far ({@code GET /__alloc}). */
  static long allocatedBytes(int port) throws IOException {
    Response r = get(port, HelloBodies.ALLOC_PATH);
    if (r.status() != 200) {
      throw new IOException(HelloBodies.ALLOC_PATH + " answered " + r.status());
    }
    return Long.parseLong(r.text().trim());
  }

  /** {@code GET path} with {@code Connection: close}; the body by Content-Length or to EOF. */
  static Response get(int port, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] start = lines[0].split(" ", 3);
      if (start.length < 2 || !start[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + lines[0]);
      }
      int length = -1;
      String type = "";
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        } else if (name.equals("content-type")) {
          type = value;
        }
      }
      byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
      return new Response(Integer.parseInt(start[1]), type, body);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the response head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
