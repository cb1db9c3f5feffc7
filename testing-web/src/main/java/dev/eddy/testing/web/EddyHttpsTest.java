package dev.eddy.testing.web;

import dev.eddy.http.HttpClientOptions;
import dev.eddy.http.HttpServerOptions;
import dev.eddy.stream.TlsOptions;
import dev.eddy.testing.SelfSignedCertificate;
import javax.net.ssl.SSLContext;

/**
 * {@link EddyHttpTest} over HTTPS, Tornado's {@code AsyncHTTPSTestCase}: the server uses a
 * self-signed certificate for {@code localhost} and {@code 127.0.0.1} that is made once per JVM
 * at run time (an EC P-256 key, by the running JDK's {@code keytool}; nothing is stored), and
 * {@link #fetch} trusts that certificate and nothing else, with host names checked.
 *
 * <p>Override {@link #serverSslContext()} and {@link #clientSslContext()} to use other keys
 * (Tornado's {@code get_ssl_options}). If the certificate cannot be made, each test fails in its
 * set-up with an {@link IllegalStateException} saying why.
 */
public abstract class EddyHttpsTest extends EddyHttpTest {

  /** For subclasses. */
  protected EddyHttpsTest() {}

  /** The server's TLS context; by default with the generated key. */
  protected SSLContext serverSslContext() {
    return SelfSignedCertificate.get().server();
  }

  /** The client's TLS context; by default trusting the generated certificate only. */
  protected SSLContext clientSslContext() {
    return SelfSignedCertificate.get().client();
  }

  @Override
  protected String protocol() {
    return "https";
  }

  @Override
  protected HttpServerOptions serverOptions() {
    return super.serverOptions().withTls(TlsOptions.server(serverSslContext()));
  }

  @Override
  protected HttpClientOptions clientOptions() {
    return super.clientOptions().withTls(TlsOptions.client(clientSslContext(), "localhost"));
  }
}
