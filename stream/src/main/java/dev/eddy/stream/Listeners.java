package dev.eddy.stream;

import dev.eddy.loop.spi.ListenOptions;
import dev.eddy.loop.spi.ServerSocketHandle;
import dev.eddy.loop.spi.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening sockets for a port and an address: Tornado's {@code netutil.bind_sockets}. One socket
 * per address the host name resolves to (IPv4 and IPv6); with port 0, every socket after the first
 * takes the first one's ephemeral port, so all share it. With no address, one dual-stack socket
 * on {@code ::} (IPv6 sockets accept IPv4 peers by default), or {@code 0.0.0.0} where the host has
 * no IPv6. An IPv6 address that cannot be bound ({@code EADDRNOTAVAIL}: a container without IPv6
 * configured) is skipped when another address was bound, as Tornado does.
 *
 * <p>Resolving a host name blocks: this is start-up work. Thread-safe (stateless).
 */
final class Listeners {

  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  /**
   * @param address a host name or literal, or null for every interface
   * @throws IOException if nothing could be bound (the last error), or the name does not resolve
   * @throws UnsupportedOperationException if {@code options} ask for {@code SO_REUSEPORT} and the
   *     backend has none
   */
  static List<ServerSocketHandle> bind(Transport transport, int port, String address,
      AddressFamily family, ListenOptions options) throws IOException {
    SystemResolver.checkPort(port);
    if ((address == null || address.isEmpty()) && family == AddressFamily.UNSPEC) {
      try {
        return List.of(transport.listen(
            new InetSocketAddress(InetAddress.getByName("::"), port), options));
      } catch (IOException e) {
        if (e instanceof BindException && !isAddressNotAvailable((BindException) e)) {
          throw e; // in use, or not permitted: IPv4 would fail alike
        }
        log.debug("No IPv6 wildcard here ({}); listening on 0.0.0.0", e.getMessage());
        family = AddressFamily.INET;
      }
    }
    List<InetAddress> addresses = addresses(address, family);
    List<ServerSocketHandle> bound = new ArrayList<>();
    IOException last = null;
    int chosenPort = port;
    try {
      for (InetAddress a : addresses) {
        try {
          ServerSocketHandle s = transport.listen(new InetSocketAddress(a, chosenPort), options);
          bound.add(s);
          if (chosenPort == 0) {
            chosenPort = ((InetSocketAddress) s.localAddress()).getPort();
          }
        } catch (BindException e) {
          if (a instanceof Inet6Address && isAddressNotAvailable(e)) {
            log.debug("Skipping {}: {}", a, e.getMessage());
            last = e;
            continue;
          }
          throw e;
        }
      }
    } catch (IOException | RuntimeException e) {
      closeAll(bound);
      throw e;
    }
    if (bound.isEmpty()) {
      throw last != null ? last : new IOException("no address to listen on for " + address);
    }
    return bound;
  }

  private static List<InetAddress> addresses(String address, AddressFamily family)
      throws UnknownHostException {
    if (address == null || address.isEmpty()) {
      InetAddress any = family == AddressFamily.INET ? InetAddress.getByName("0.0.0.0")
          : InetAddress.getByName("::");
      return List.of(any);
    }
    InetAddress literal = SystemResolver.parseLiteral(address);
    InetAddress[] all = literal != null ? new InetAddress[] {literal}
        : InetAddress.getAllByName(address);
    Set<InetAddress> chosen = new LinkedHashSet<>();
    for (InetAddress a : all) {
      if (family.accepts(a)) {
        chosen.add(a);
      }
    }
    if (chosen.isEmpty()) {
      throw new UnknownHostException(address + " has no address of family " + family);
    }
    return List.copyOf(chosen);
  }

  private static boolean isAddressNotAvailable(BindException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("EADDRNOTAVAIL") || m.contains("Cannot assign requested address");
  }

  static void closeAll(List<ServerSocketHandle> sockets) {
    for (ServerSocketHandle s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("Error closing {}", s, e);
      }
    }
  }
}
