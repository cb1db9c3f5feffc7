package dev.eddy.stream;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link SslIOStream} speaks TLS: the JDK {@link SSLContext} (keys, trust, providers), the
 * server's name for a client (sent as SNI, and checked against the server's certificate), and
 * optional restrictions: protocols, cipher suites, ALPN protocols, and for a server whether it asks
 * for client certificates. Tornado's {@code ssl_options} and {@code server_hostname}.
 *
 * <p>Clients verify the server's host name by default (Tornado 6.2), with the JDK's "HTTPS"
 * endpoint identification: {@link #client(SSLContext, String)}. Turning it off is explicit: {@link
 * #clientWithoutHostnameVerification(SSLContext)}. The side is chosen where the options are used
 * ({@link SslIOStream#connect}, the accepting constructor, {@link IOStream#startTls}); {@link
 * #clientAuth()} applies to servers only, {@link #serverHostname()} and {@link #verifyHostname()}
 * to clients only. Options made by {@link #server(SSLContext)} keep verification on and have no
 * host name, so using them for a client by mistake fails with an {@link IllegalArgumentException}
 * instead of connecting unverified.
 *
 * <p>Immutable and thread-safe; the lists are copies.
 */
public final class TlsOptions {

  /** Whether a server asks its clients for a certificate. */
  public enum ClientAuth {
    /** Does not ask. */
    NONE,
    /** Asks; a client without one is accepted. */
    WANT,
    /** Asks; a client without a (trusted) one fails the handshake. */
    NEED
  }

  private final SSLContext context;
  private final String serverHostname;
  private final boolean verifyHostname;
  private final List<String> protocols;
  private final List<String> cipherSuites;
  private final List<String> applicationProtocols;
  private final ClientAuth clientAuth;

  private TlsOptions(SSLContext context, String serverHostname, boolean verifyHostname,
      List<String> protocols, List<String> cipherSuites, List<String> applicationProtocols,
      ClientAuth clientAuth) {
    this.context = Objects.requireNonNull(context, "context");
    this.serverHostname = serverHostname;
    this.verifyHostname = verifyHostname;
    this.protocols = protocols;
    this.cipherSuites = cipherSuites;
    this.applicationProtocols = applicationProtocols;
    this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
  }

  /**
   * A client that connects to {@code serverHostname}: sent as SNI (unless it is an IP address) and
   * verified against the server's certificate.
   *
   * @throws IllegalArgumentException if {@code serverHostname} is null or blank
   */
  public static TlsOptions client(SSLContext context, String serverHostname) {
    TlsOptions o = new TlsOptions(context, checkHostname(serverHostname), true, null, null, null,
        ClientAuth.NONE);
    o.checkClient();
    return o;
  }

  /**
   * A client that does not check the server's host name (the certificate chain is still checked
   * by the context's trust managers). For tests and peers known by other means; {@link
   * #withServerHostname(String)} may still set a name to send as SNI.
   */
  public static TlsOptions clientWithoutHostnameVerification(SSLContext context) {
    return new TlsOptions(context, null, false, null, null, null, ClientAuth.NONE);
  }

  /** A server that does not ask for client certificates ({@link #withClientAuth} to change). */
  public static TlsOptions server(SSLContext context) {
    return new TlsOptions(context, null, true, null, null, null, ClientAuth.NONE);
  }

  /**
   * These options with another server name (clients: SNI and, if {@link #verifyHostname()}, the
   * name checked).
   *
   * @throws IllegalArgumentException if it is blank
   */
  public TlsOptions withServerHostname(String hostname) {
    return new TlsOptions(context, hostname == null ? null : checkHostname(hostname),
        verifyHostname, protocols, cipherSuites, applicationProtocols, clientAuth);
  }

  /** These options with only these protocols enabled ("TLSv1.3", "TLSv1.2"); none: the default. */
  public TlsOptions withProtocols(String... protocols) {
    return new TlsOptions(context, serverHostname, verifyHostname, list(protocols), cipherSuites,
        applicationProtocols, clientAuth);
  }

  /** These options with only these cipher suites enabled; none: the context's default. */
  public TlsOptions withCipherSuites(String... suites) {
    return new TlsOptions(context, serverHostname, verifyHostname, protocols, list(suites),
        applicationProtocols, clientAuth);
  }

  /**
   * These options offering (client) or accepting (server, in its order of preference) these ALPN
   * protocols ("h2", "http/1.1"); none: no ALPN.
   */
  public TlsOptions withApplicationProtocols(String... protocols) {
    return new TlsOptions(context, serverHostname, verifyHostname, this.protocols, cipherSuites,
        list(protocols), clientAuth);
  }

  /** These options with this client certificate policy (servers). */
  public TlsOptions withClientAuth(ClientAuth clientAuth) {
    return new TlsOptions(context, serverHostname, verifyHostname, protocols, cipherSuites,
        applicationProtocols, clientAuth);
  }

  /** The JDK context the engines come from. */
  public SSLContext context() {
    return context;
  }

  /** The server's name (clients), or null. */
  public String serverHostname() {
    return serverHostname;
  }

  /** Whether a client checks the server's certificate against {@link #serverHostname()}. */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /** The protocols enabled, or null for the context's default. */
  public List<String> protocols() {
    return protocols;
  }

  /** The cipher suites enabled, or null for the context's default. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** The ALPN protocols, or null for no ALPN. */
  public List<String> applicationProtocols() {
    return applicationProtocols;
  }

  /** Whether a server asks for client certificates. */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /**
   * Checks that these options can be used by a client.
   *
   * @throws IllegalArgumentException if host name verification is on without a host name
   */
  void checkClient() {
    if (verifyHostname && serverHostname == null) {
      throw new IllegalArgumentException("hostname verification needs a serverHostname; use "
          + "TlsOptions.client(context, hostname), or "
          + "TlsOptions.clientWithoutHostnameVerification(context) to turn it off explicitly");
    }
  }

  private static String checkHostname(String hostname) {
    if (hostname == null || hostname.isBlank()) {
      throw new IllegalArgumentException("hostname verification needs a serverHostname; got "
          + (hostname == null ? "null" : "a blank one") + " (use "
          + "TlsOptions.clientWithoutHostnameVerification(context) to turn verification off)");
    }
    return hostname;
  }

  private static List<String> list(String[] values) {
    if (values == null || values.length == 0) {
      return null;
    }
    for (String v : values) {
      Objects.requireNonNull(v, "a list element is null");
    }
    return List.of(values);
  }

  @Override
  public String toString() {
    return "TlsOptions[" + context.getProtocol() + ", serverHostname=" + serverHostname
        + ", verifyHostname=" + verifyHostname + ", protocols=" + protocols + ", cipherSuites="
        + cipherSuites + ", applicationProtocols=" + applicationProtocols + ", clientAuth="
        + clientAuth + "]";
  }
}
