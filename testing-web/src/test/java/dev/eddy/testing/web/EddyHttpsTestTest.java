package dev.eddy.testing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.http.AsyncHttpClient;
import dev.eddy.http.HttpClientException;
import dev.eddy.http.HttpRequest;
import dev.eddy.loop.tck.ResourceLeakCheck;
import dev.eddy.testing.ExpectLog;
import dev.eddy.testing.SelfSignedCertificate;
import dev.eddy.web.Application;
import dev.eddy.web.RequestHandler;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** EddyHttpsTest: HTTPS with the generated certificate, trusted by fetch only. */
@ExtendWith(ResourceLeakCheck.class)
class EddyHttpsTestTest extends EddyHttpsTest {

  static final class Scheme extends RequestHandler {
    @Override
    protected Object get() {
      write(request().protocol());
      return null;
    }
  }

  @BeforeAll
  static void makeTheCertificateBeforeTheLeakBaseline() {
    SelfSignedCertificate.get(); // runs keytool: a process, once per JVM
  }

  @Override
  protected Application application() {
    return new Application().add("/scheme", Scheme::new);
  }

  @Test
  void fetchSpeaksHttpsAndTrustsTheCertificate() {
    assertTrue(url("/scheme").startsWith("https://127.0.0.1:"), url("/scheme"));
    assertEquals("https", fetch("/scheme").bodyText());
  }

  @Test
  void aClientWithTheDefaultTrustRefusesTheCertificate() {
    AsyncHttpClient plain = new AsyncHttpClient(loop());
    try (ExpectLog handshake = ExpectLog.expect("dev.eddy.stream", ".*TLS handshake with",
        false, null)) {
      CompletionException wrapped = assertThrows(CompletionException.class,
          () -> async().await(() -> plain.fetch(HttpRequest.get(url("/scheme")))));
      HttpClientException e = assertInstanceOf(HttpClientException.class, wrapped.getCause());
      assertEquals(599, e.code());
      Throwable t = e;
      while (t != null && !(t instanceof SSLException)) {
        t = t.getCause();
      }
      assertTrue(t != null, () -> "not a TLS failure: " + e);
    } finally {
      plain.close();
    }
  }
}
