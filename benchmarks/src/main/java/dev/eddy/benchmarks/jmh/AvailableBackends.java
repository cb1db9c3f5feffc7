package dev.eddy.benchmarks.jmh;

import dev.eddy.loop.PollerSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JMH's command line with the {@code poller} parameter set to the backends that can run here
 * (kqueue on macOS and FreeBSD, the epolls on Linux, nio everywhere), unless the arguments set it
 * with {@code -p poller=...}: {@code java -cp benchmarks/target/eddy-benchmarks.jar
 * dev.eddy.benchmarks.jmh.AvailableBackends [JMH options]}. Plain {@code org.openjdk.jmh.Main}
 * takes the annotations' list (nio, epoll-jna, epoll-netty), whose unavailable entries fail their
 * setup.
 */
public final class AvailableBackends {

  private AvailableBackends() {}

  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (!setsPoller(all)) {
      all.add("-p");
      all.add("poller=" + String.join(",", PollerSelection.availableNames()));
    }
    org.openjdk.jmh.Main.main(all.toArray(new String[0]));
  }

  private static boolean setsPoller(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-ppoller=") || a.equals("-p") && i + 1 < args.size()
          && args.get(i + 1).startsWith("poller=")) {
        return true;
      }
    }
    return false;
  }
}
