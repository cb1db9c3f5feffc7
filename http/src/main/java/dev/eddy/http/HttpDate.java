package dev.eddy.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header's value, IMF-fixdate (RFC 9110 §5.6.7), formatted once per second per
 * thread: a server writes it on every response, and formatting a date costs more than the rest of
 * the head. Not thread-safe per instance; one per loop thread through {@link #now()}.
 */
final class HttpDate {

  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final ThreadLocal<HttpDate> PER_THREAD = ThreadLocal.withInitial(HttpDate::new);

  private long second = Long.MIN_VALUE;
  private String value;

  private HttpDate() {}

  /** The current date, as this thread last formatted it within the same second. */
  static String now() {
    return PER_THREAD.get().at(System.currentTimeMillis());
  }

  private String at(long millis) {
    long s = Math.floorDiv(millis, 1000);
    if (s != second) {
      second = s;
      value = IMF_FIXDATE.format(Instant.ofEpochSecond(s));
    }
    return value;
  }

  /** {@code date} formatted as IMF-fixdate. */
  static String format(Instant date) {
    return IMF_FIXDATE.format(date);
  }
}
