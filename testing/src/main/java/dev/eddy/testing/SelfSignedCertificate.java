package dev.eddy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, for TLS in tests: made once per JVM
 * by the running JDK's {@code keytool} (an EC P-256 key, valid for two days) in a temporary
 * directory deleted at once, so no key is ever stored. From it, three SSL contexts: a server's
 * (the key), a client's (trusting this certificate and nothing else), and a mutual one (both, for
 * client certificates).
 *
 * <p>The first call runs a process: make it before a test measures its resources (in a
 * {@code @BeforeAll}). Threading: thread-safe. Errors: {@link IllegalStateException} with the
 * cause when keytool is missing or fails.
 */
public final class SelfSignedCertificate {

  private static final String ALIAS = "eddy-test";

  private static SelfSignedCertificate instance;

  private final SSLContext server;
  private final SSLContext client;
  private final SSLContext mutual;

  private SelfSignedCertificate(SSLContext server, SSLContext client, SSLContext mutual) {
    this.server = server;
    this.client = client;
    this.mutual = mutual;
  }

  /**
   * The certificate of this JVM, made on the first call (which runs {@code keytool}).
   *
   * @throws IllegalStateException if keytool fails or is missing
   */
  public static synchronized SelfSignedCertificate get() {
    if (instance == null) {
      try {
        instance = generate();
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot make a test certificate with keytool", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted making a test certificate", e);
      }
    }
    return instance;
  }

  /** A server context with the key. */
  public SSLContext server() {
    return server;
  }

  /** A client context that trusts the certificate and nothing else. */
  public SSLContext client() {
    return client;
  }

  /** A context with the key that also trusts the certificate: both ends of mutual TLS. */
  public SSLContext mutual() {
    return mutual;
  }

  /** {@code get().server()}. */
  public static SSLContext serverContext() {
    return get().server;
  }

  /** {@code get().client()}. */
  public static SSLContext clientContext() {
    return get().client;
  }

  /** {@code get().mutual()}. */
  public static SSLContext mutualContext() {
    return get().mutual;
  }

  private static SelfSignedCertificate generate()
      throws IOException, GeneralSecurityException, InterruptedException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();
    Path dir = Files.createTempDirectory("eddy-test-tls-");
    try {
      Path store = dir.resolve("server.p12");
      Path output = dir.resolve("keytool.out");
      Path empty = Files.createFile(dir.resolve("stdin"));
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      List<String> command = List.of(keytool.toString(), "-genkeypair", "-keyalg", "EC",
          "-groupname", "secp256r1", "-alias", ALIAS, "-dname", "CN=localhost",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
          "-keystore", store.toString(), "-storepass", new String(password),
          "-keypass", new String(password), "-noprompt");
      // No pipes: input from an empty file (a build tool may talk to its test JVM over stdin),
      // output to a file read only if keytool fails.
      Process p = new ProcessBuilder(command).redirectInput(empty.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new IOException("keytool did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("keytool failed (" + p.exitValue() + "): "
            + Files.readString(output, StandardCharsets.UTF_8));
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));

      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      SSLContext mutual = SSLContext.getInstance("TLS");
      mutual.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new SelfSignedCertificate(server, client, mutual);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
