package dev.eddy.benchmarks.scaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link PollerScaling}: it holds the client ends of the idle connections, so
 * that the measuring process holds only the server ends (10,000 sockets with both ends in one
 * process would need more descriptors than the limit allows). It never writes to them.
 *
 * <p>Commands, one a line on standard input; each is answered by one line on standard output:
 * <ul>
 *   <li>{@code connect HOST PORT COUNT}: opens COUNT more blocking connections; answers {@code
 *       connected TOTAL}.</li>
 *   <li>{@code reset}: closes every connection with {@code SO_LINGER} 0 (a reset: no
 *       {@code TIME_WAIT} left behind on either side); answers {@code reset}.</li>
 *   <li>{@code exit}, or the end of standard input (the parent exited or died): closes everything
 *       and exits.</li>
 * </ul>
 * A failure is answered by {@code error MESSAGE}. It prints {@code ready} once started.
 */
public final class IdlePeers {

  private IdlePeers() {}

  /** Runs the command loop until {@code exit} or the end of standard input. */
  public static void main(String[] args) throws IOException {
    List<SocketChannel> peers = new ArrayList<>();
    BufferedReader in = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    answer("ready");
    try {
      for (String line = in.readLine(); line != null && !line.equals("exit");
          line = in.readLine()) {
        try {
          answer(run(line.trim().split(" "), peers));
        } catch (IOException | RuntimeException e) {
          answer("error " + e);
        }
      }
    } finally {
      reset(peers);
    }
  }

  private static String run(String[] command, List<SocketChannel> peers) throws IOException {
    switch (command[0]) {
      case "connect" -> {
        InetSocketAddress to = new InetSocketAddress(command[1], Integer.parseInt(command[2]));
        int count = Integer.parseInt(command[3]);
        for (int i = 0; i < count; i++) {
          peers.add(SocketChannel.open(to));
        }
        return "connected " + peers.size();
      }
      case "reset" -> {
        reset(peers);
        return "reset";
      }
      default -> throw new IllegalArgumentException("unknown command " + String.join(" ", command));
    }
  }

  /** Closes every connection with a reset; the first error is thrown after all were tried. */
  private static void reset(List<SocketChannel> peers) throws IOException {
    IOException first = null;
    for (SocketChannel peer : peers) {
      try {
        try {
          peer.setOption(StandardSocketOptions.SO_LINGER, 0);
        } finally {
          peer.close();
        }
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    peers.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void answer(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
