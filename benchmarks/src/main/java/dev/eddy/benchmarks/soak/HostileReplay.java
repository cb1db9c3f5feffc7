package dev.eddy.benchmarks.soak;

import dev.eddy.http.Fixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Replays the hostile request fixtures ({@code http/src/test/resources/fixtures/requests}) one
 * connection each, round after round, and checks each answer as the live fixture test does: an
 * error fixture gets its status once and the server closes by itself; a fixture the server keeps
 * open answers a second request behind it too (sent with {@code Connection: close}: the web
 * framework counts a half-close as the client leaving, as Tornado does); an unfinished head gets
 * no answer; a fixture of several requests gets its {@code answers} in order. An accepted
 * request may meet a 404 or 405 here (the hello application has other routes than the test's
 * catch-all), never a 400 or a 5xx. Fixtures that change the server's limits are left out: the
 * soak server runs on the defaults.
 */
final class HostileReplay implements Runnable {

  private static final int SOCKET_TIMEOUT_MILLIS = 30_000;
  private static final byte[] SECOND = "GET / HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n"
      .getBytes(StandardCharsets.ISO_8859_1);

  private final InetSocketAddress server;
  private final List<Fixture> fixtures;
  private final Tally tally;
  private final BooleanSupplier running;

  HostileReplay(InetSocketAddress server, List<Fixture> all, Tally tally,
      BooleanSupplier running) {
    this.server = server;
    this.fixtures = new ArrayList<>();
    for (Fixture f : all) {
      if (f.one("limits") == null) {
        fixtures.add(f);
      }
    }
    this.tally = tally;
    this.running = running;
  }

  /** How many fixtures a round replays. */
  int size() {
    return fixtures.size();
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      for (Fixture f : fixtures) {
        if (!running.getAsBoolean()) {
          return;
        }
        try {
          String problem = replay(f);
          if (problem == null) {
            tally.served(1);
          } else {
            tally.error(f.name() + ": " + problem);
          }
        } catch (IOException e) {
          tally.error(f.name() + ": " + e);
        }
      }
    }
  }

  /** Replays {@code f}; returns what was wrong with the answer, or null. */
  private String replay(Fixture f) throws IOException {
    boolean unfinished = f.unfinished();
    byte[] message = f.replay(SECOND);
    String answer;
    try (Socket s = new Socket()) {
      s.connect(server, SOCKET_TIMEOUT_MILLIS);
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      s.getOutputStream().write(message);
      if (unfinished) {
        s.shutdownOutput();
      }
      answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return "the server neither answered nor closed within " + SOCKET_TIMEOUT_MILLIS + " ms";
    }
    List<String> finals;
    try {
      finals = Fixture.finalStatuses(answer);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (unfinished) {
      return finals.isEmpty() ? null : "an unfinished head was answered " + finals;
    }
    List<String> expected = f.expectedFinals();
    if (finals.size() != expected.size()) {
      return "answers " + finals + " where " + expected + " were due";
    }
    for (int i = 0; i < expected.size(); i++) {
      String want = expected.get(i);
      String got = finals.get(i);
      boolean fine = want.equals("200") ? !got.equals("400") && !got.startsWith("5")
          : got.equals(want);
      if (!fine) {
        return "answers " + finals + " where " + expected + " were due";
      }
    }
    return null;
  }
}
