package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.tck.ResourceLeakCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link HttpServer} out of descriptors: the server runs in a child JVM under {@code ulimit -n
 * 256} ({@link ExhaustedHttpServer}); this test opens keep-alive connections to it, each asking
 * for one answer, until one gets none (the server cannot accept it). Then, while the server is
 * out of descriptors, its loop must not spin (under half of one core over a second), and the
 * connections it has keep being answered; once this side closes some, the server answers new
 * connections again. The connection it could not accept is either shed (closed) or answered
 * later, never left hanging. A subclass per backend runs it.
 */
@ExtendWith(ResourceLeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class HttpExhaustionCases {

  private static final int LIMIT = 256;
  private static final int MAX_CLIENTS = 1000;
  private static final int ANSWER_MILLIS = 2000;
  private static final byte[] GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  abstract String backend();

  @Test
  void outOfDescriptorsTheServerRestsKeepsServingAndRecovers() throws Exception {
    Backends.loop(backend()).close(true); // skips where the backend cannot exist
    Path errors = Files.createTempFile("eddy-exhaustion", ".log");
    Process child = new ProcessBuilder("sh", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" \"$@\"",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExhaustedHttpServer.class.getName(),
        backend()).redirectError(errors.toFile()).start();
    List<Socket> clients = new ArrayList<>();
    List<Socket> opened = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.US_ASCII));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("port "), "the child said " + line + "; "
          + Files.readString(errors));
      InetSocketAddress server = new InetSocketAddress("127.0.0.1",
          Integer.parseInt(line.substring(5)));
      Socket waiting = null;
      while (waiting == null) {
        assertTrue(clients.size() < MAX_CLIENTS, "the server never ran out of descriptors");
        Socket c = new Socket();
        opened.add(c);
        c.connect(server, ANSWER_MILLIS);
        c.setSoTimeout(ANSWER_MILLIS);
        c.getOutputStream().write(GET);
        if (answered(c)) {
          clients.add(c);
        } else {
          waiting = c;
        }
      }
      assertTrue(clients.size() > 50 && clients.size() < LIMIT, clients.size()
          + " connections were served before one was not, under a limit of " + LIMIT);
      // Out of descriptors: the loop rests instead of spinning on the listener ...
      long cpu = loopCpuNanos(child.pid());
      long wall = System.nanoTime();
      TimeUnit.SECONDS.sleep(1); // the window over which the loop's CPU time is measured
      double share = (double) (loopCpuNanos(child.pid()) - cpu) / (System.nanoTime() - wall);
      assertTrue(share < 0.5, "the loop used " + share + " of a core while out of descriptors");
      // ... and the connections it has are still answered.
      for (Socket c : clients.subList(0, 10)) {
        c.getOutputStream().write(GET);
        assertTrue(answered(c), "an established connection went unanswered");
      }
      // Closing some frees descriptors: the server accepts again.
      for (Socket c : new ArrayList<>(clients.subList(0, 20))) {
        c.close();
        clients.remove(c);
      }
      waiting.setSoTimeout(15_000);
      String late; // shed (closed or reset) or accepted and answered: never left hanging
      try {
        late = readAnswer(waiting);
      } catch (SocketException reset) {
        late = "";
      }
      assertTrue(late.isEmpty() || late.startsWith("HTTP/1.1 200 "), late);
      waiting.close();
      // The server notices the closes (and ends its one-second rest after a failed accept) in
      // its own time: until then a new connection may still be shed. One must be answered
      // within 15 s; attempts are paced so that waiting does not become a connect storm.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      boolean served = false;
      while (!served && System.nanoTime() < deadline) {
        Socket fresh = new Socket();
        opened.add(fresh);
        fresh.connect(server, 10_000);
        fresh.setSoTimeout(5_000);
        try {
          fresh.getOutputStream().write(GET);
          served = answered(fresh);
        } catch (SocketException shed) {
          served = false; // reset before the request was even written
        }
        fresh.close();
        if (!served) {
          TimeUnit.MILLISECONDS.sleep(100); // pacing the next attempt
        }
      }
      assertTrue(served, "no answer within 15 s once descriptors were free again");
    } finally {
      for (Socket c : opened) {
        c.close();
      }
      child.getOutputStream().close();
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
      child.getInputStream().close();
      Files.deleteIfExists(errors);
    }
    assertEquals(0, child.exitValue());
  }

  /**
   * Whether {@code c} got one {@code 200 ok} answer within its read timeout (SocketTimeoutException
   * is a SocketException: caught first).
   */
  private static boolean answered(Socket c) throws IOException {
    try {
      return readAnswer(c).startsWith("HTTP/1.1 200 ");
    } catch (SocketTimeoutException e) {
      return false; // waiting in the backlog
    } catch (SocketException e) {
      return false; // shed: accepted and reset at once
    }
  }

  /** One answer of the server (its body is "ok"), or "" if the connection closed first. */
  private static String readAnswer(Socket c) throws IOException {
    InputStream in = c.getInputStream();
    StringBuilder b = new StringBuilder();
    int ch;
    while (!(b.length() > 4 && b.indexOf("\r\n\r\n") > 0 && b.toString().endsWith("ok"))
        && (ch = in.read()) >= 0) {
      b.append((char) ch);
    }
    return b.toString();
  }

  /** The CPU time of the child's loop thread, from {@code /proc/PID/task/TID/stat}. */
  private static long loopCpuNanos(long pid) throws IOException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (var list = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) list::iterator) {
        String name = Files.readString(task.resolve("comm")).strip();
        if (ExhaustedHttpServer.LOOP_THREAD.startsWith(name)) {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        }
      }
    }
    throw new AssertionError("no thread " + ExhaustedHttpServer.LOOP_THREAD + " in " + tasks);
  }
}
