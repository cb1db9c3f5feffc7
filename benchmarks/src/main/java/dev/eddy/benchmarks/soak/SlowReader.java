package dev.eddy.benchmarks.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A client that asks for a large streamed answer ({@code /stream?kib=N}, {@code Connection:
 * close}) and reads it slowly: {@link #READ} bytes every {@link #PAUSE_MILLIS} ms, about 320
 * KiB/s, far below what the server could send. It checks that the whole answer arrives (a 200
 * with N KiB of body) and starts over until told to stop.
 */
final class SlowReader implements Runnable {

  static final int READ = 16 * 1024;
  static final long PAUSE_MILLIS = 50;
  private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress server;
  private final int kib;
  private final Tally tally;
  private final BooleanSupplier running;

  SlowReader(InetSocketAddress server, int kib, Tally tally, BooleanSupplier running) {
    this.server = server;
    this.kib = kib;
    this.tally = tally;
    this.running = running;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      try {
        readOnce();
      } catch (IOException e) {
        tally.error(e.toString());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void readOnce() throws IOException, InterruptedException {
    try (Socket s = new Socket()) {
      s.connect(server, SOCKET_TIMEOUT_MILLIS);
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      s.setReceiveBufferSize(READ);
      s.getOutputStream().write(("GET " + SoakServer.STREAM_PATH + "?kib=" + kib
          + " HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[READ];
      StringBuilder head = new StringBuilder();
      byte[] tail = new byte[5];
      long body = -1; // counted once the head is complete
      int n;
      while ((n = in.read(buffer)) > 0) {
        int from = 0;
        if (body < 0) {
          int before = head.length();
          head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          int end = head.indexOf("\r\n\r\n");
          if (end < 0) {
            continue;
          }
          from = end + 4 - before;
          head.setLength(end + 2);
          body = 0;
        }
        body += n - from;
        keepTail(tail, buffer, n);
        if (!running.getAsBoolean()) {
          return; // stopping: leave mid-answer, as a client may
        }
        TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS); // the pace of a slow reader
      }
      check(head.toString(), body, new String(tail, StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Counts the answer as served when it is a 200 with the whole body: delimited by the close (the
   * request said {@code Connection: close}) it is exactly N KiB; chunked it ends in the last
   * chunk.
   */
  private void check(String head, long body, String tail) {
    boolean chunked = head.toLowerCase(java.util.Locale.ROOT)
        .contains("\r\ntransfer-encoding: chunked\r\n");
    boolean whole = chunked ? body > kib * 1024L && tail.equals("0\r\n\r\n")
        : body == kib * 1024L;
    if (head.startsWith("HTTP/1.1 200 ") && whole) {
      tally.served(1);
    } else {
      tally.error("a slow read ended after " + body + " body bytes ("
          + (chunked ? "chunked" : "until close") + "), head '"
          + head.replace("\r\n", "\\r\\n") + "'");
    }
  }

  private static void keepTail(byte[] tail, byte[] buffer, int n) {
    if (n >= tail.length) {
      System.arraycopy(buffer, n - tail.length, tail, 0, tail.length);
    } else {
      System.arraycopy(tail, n, tail, 0, tail.length - n);
      System.arraycopy(buffer, 0, tail, tail.length - n, n);
    }
  }
}
