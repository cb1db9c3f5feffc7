package dev.eddy.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tornado-compatible signed values (the payload of {@code set_signed_cookie}/{@code get_signed_cookie}),
 * byte-for-byte interchangeable with {@code tornado.web.create_signed_value} / {@code decode_signed_value}.
 *
 * <p>Version 2 (written): {@code 2|<n>:<keyVersion>|<n>:<timestamp>|<n>:<name>|<n>:<base64(value)>|<sig>}
 * where {@code <n>:} is the decimal byte length of the field and {@code sig} is the lower-case hex
 * HMAC-SHA256 of everything before it (including the last {@code |}). Version 1 (read only):
 * {@code base64(value)|timestamp|hex HMAC-SHA1(name + base64(value) + timestamp)}.
 *
 * <p>Decoding never throws for bad input: a tampered, expired, malformed, wrongly named (name swap),
 * unknown-key-version or too-old-format value yields {@code null}. Signatures are compared in constant
 * time. Like Tornado, the default {@code minVersion} is {@value #DEFAULT_MIN_VERSION} (v1 values are still
 * accepted; pass 2 to refuse them) and the default maximum age is {@value #DEFAULT_MAX_AGE_DAYS} days.
 * Only v1 values get Tornado's "timestamp more than 31 days in the future" check; v2 relies on the
 * signature covering a delimited timestamp, as Tornado does.
 *
 * <p>Stateless and thread-safe.
 */
public final class SignedValues {

  /** Tornado's {@code DEFAULT_SIGNED_VALUE_MIN_VERSION}: both v1 and v2 are accepted by default. */
  public static final int DEFAULT_MIN_VERSION = 1;
  /** Tornado's default {@code max_age_days} for {@code get_signed_cookie}. */
  public static final double DEFAULT_MAX_AGE_DAYS = 31;

  private static final Logger LOG = LoggerFactory.getLogger(SignedValues.class);
  private static final HexFormat HEX = HexFormat.of();
  private static final long DAY = 86_400L;

  private SignedValues() {}

  /** {@link #create(SecretSource, String, byte[], long)} with the value encoded as UTF-8. */
  public static String create(SecretSource secrets, String name, String value, long nowSeconds) {
    Objects.requireNonNull(value, "value");
    return create(secrets, name, value.getBytes(StandardCharsets.UTF_8), nowSeconds);
  }

  /** {@link #create(SecretSource, String, String, long)} at the clock's current second. */
  public static String create(SecretSource secrets, String name, String value, Clock clock) {
    return create(secrets, name, value, Math.floorDiv(clock.millis(), 1000L));
  }

  /**
   * Signs {@code value} under {@code name} in Tornado's v2 format, with the source's signing key version.
   *
   * <p>Field lengths count UTF-8 bytes. (Tornado counts characters for the name, so a non-ASCII name
   * gives a value even Tornado cannot decode; Eddy writes byte lengths, which Tornado decodes.)
   *
   * @param nowSeconds the timestamp to embed, seconds since the epoch
   * @throws NullPointerException if an argument is null
   */
  public static String create(SecretSource secrets, String name, byte[] value, long nowSeconds) {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    StringBuilder sb = new StringBuilder("2|");
    appendField(sb, Integer.toString(secrets.signingKeyVersion()));
    appendField(sb, Long.toString(nowSeconds));
    appendField(sb, name);
    appendField(sb, Base64.getEncoder().encodeToString(value));
    byte[] toSign = sb.toString().getBytes(StandardCharsets.UTF_8);
    return sb.append(HEX.formatHex(hmac("HmacSHA256", secrets.signingKey(), toSign))).toString();
  }

  /**
   * {@link #decode(SecretSource, String, String, double, long, int)} with the default minimum version
   * ({@value #DEFAULT_MIN_VERSION}).
   */
  public static String decode(
      SecretSource secrets, String name, String signedValue, double maxAgeDays, long nowSeconds) {
    return decode(secrets, name, signedValue, maxAgeDays, nowSeconds, DEFAULT_MIN_VERSION);
  }

  /**
   * Verifies and decodes a signed value to a UTF-8 string.
   *
   * @param maxAgeDays reject values whose timestamp is older than this many (possibly fractional) days
   * @param minVersion 1 to also accept v1 values, 2 to accept v2 only
   * @return the value, or null if the value is invalid for any reason (including invalid UTF-8)
   * @throws IllegalArgumentException if {@code minVersion} is greater than 2 (as Tornado)
   */
  public static String decode(
      SecretSource secrets,
      String name,
      String signedValue,
      double maxAgeDays,
      long nowSeconds,
      int minVersion) {
    byte[] raw = decodeBytes(secrets, name, signedValue, maxAgeDays, nowSeconds, minVersion);
    if (raw == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Like {@link #decode(SecretSource, String, String, double, long, int)} but returns the raw bytes. */
  public static byte[] decodeBytes(
      SecretSource secrets,
      String name,
      String signedValue,
      double maxAgeDays,
      long nowSeconds,
      int minVersion) {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(name, "name");
    if (minVersion > 2) {
      throw new IllegalArgumentException("Unsupported min_version " + minVersion);
    }
    if (signedValue == null || signedValue.isEmpty()) {
      return null;
    }
    byte[] value = signedValue.getBytes(StandardCharsets.UTF_8);
    int version = formatVersion(value);
    if (version < minVersion) {
      return null;
    }
    if (version == 1) {
      return decodeV1(secrets, name, value, maxAgeDays, nowSeconds);
    }
    if (version == 2) {
      return decodeV2(secrets, name, value, maxAgeDays, nowSeconds);
    }
    return null;
  }

  /**
   * The key version named by a v2 signed value (Tornado's {@code get_signature_key_version}), without
   * verifying it; null for v1 or malformed values.
   */
  public static Integer keyVersion(String signedValue) {
    if (signedValue == null) {
      return null;
    }
    byte[] value = signedValue.getBytes(StandardCharsets.UTF_8);
    if (formatVersion(value) < 2) {
      return null;
    }
    V2Fields f = V2Fields.parse(value);
    return f == null ? null : f.keyVersion;
  }

  /**
   * The format version: a leading decimal without leading zeros followed by '|', else 1; numbers above
   * 999 are v1 payloads (base64 data that looks numeric), as in Tornado.
   */
  private static int formatVersion(byte[] v) {
    int i = 0;
    while (i < v.length && v[i] >= '0' && v[i] <= '9') {
      i++;
    }
    if (i == 0 || i >= v.length || v[i] != '|' || v[0] == '0' || i > 3) {
      return 1;
    }
    return Integer.parseInt(new String(v, 0, i, StandardCharsets.US_ASCII));
  }

  private static byte[] decodeV1(
      SecretSource secrets, String name, byte[] value, double maxAgeDays, long now) {
    if (secrets.isVersioned()) {
      return null; // Tornado asserts: v1 values cannot be checked against a secret dict
    }
    String s = new String(value, StandardCharsets.ISO_8859_1);
    String[] parts = s.split("\\|", -1);
    if (parts.length != 3) {
      return null;
    }
    byte[] payload = parts[0].getBytes(StandardCharsets.ISO_8859_1);
    byte[] ts = parts[1].getBytes(StandardCharsets.ISO_8859_1);
    byte[] expected =
        hexBytes(hmac("HmacSHA1", secrets.verificationKey(0), concat(utf8(name), payload, ts)));
    if (!MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.ISO_8859_1), expected)) {
      LOG.debug("Invalid signature on v1 signed value named {}", name);
      return null;
    }
    Long timestamp = parseDigits(ts, 0, ts.length);
    if (timestamp == null || timestamp < now - maxAgeDays * DAY) {
      return null;
    }
    if (timestamp > now + 31 * DAY || ts[0] == '0') {
      LOG.debug("Possibly tampered v1 signed value named {}", name);
      return null;
    }
    return base64(payload);
  }

  private static byte[] decodeV2(
      SecretSource secrets, String name, byte[] value, double maxAgeDays, long now) {
    V2Fields f = V2Fields.parse(value);
    if (f == null) {
      return null;
    }
    byte[] key = secrets.verificationKey(f.keyVersion);
    if (key == null) {
      return null;
    }
    byte[] signed = Arrays.copyOfRange(value, 0, f.signatureStart);
    byte[] passed = Arrays.copyOfRange(value, f.signatureStart, value.length);
    if (!MessageDigest.isEqual(passed, hexBytes(hmac("HmacSHA256", key, signed)))) {
      return null;
    }
    if (!Arrays.equals(f.name, utf8(name))) {
      return null;
    }
    Long timestamp = parseDigits(f.timestamp, 0, f.timestamp.length);
    if (timestamp == null || timestamp < now - maxAgeDays * DAY) {
      return null;
    }
    return base64(f.value);
  }

  /** The parsed "len:value|" fields of a v2 value. */
  private static final class V2Fields {
    int keyVersion;
    byte[] timestamp;
    byte[] name;
    byte[] value;
    int signatureStart;

    static V2Fields parse(byte[] v) {
      int[] pos = {2}; // after "2|"
      byte[] kv = consume(v, pos);
      byte[] ts = kv == null ? null : consume(v, pos);
      byte[] nm = ts == null ? null : consume(v, pos);
      byte[] val = nm == null ? null : consume(v, pos);
      Long keyVersion = kv == null ? null : parseDigits(kv, 0, kv.length);
      if (val == null || keyVersion == null || keyVersion > Integer.MAX_VALUE) {
        return null;
      }
      V2Fields f = new V2Fields();
      f.keyVersion = keyVersion.intValue();
      f.timestamp = ts;
      f.name = nm;
      f.value = val;
      f.signatureStart = pos[0];
      return f;
    }

    /** Reads one "len:value|" field at pos[0], advancing it; null if malformed. */
    private static byte[] consume(byte[] v, int[] pos) {
      int start = pos[0];
      int colon = start;
      while (colon < v.length && v[colon] != ':') {
        colon++;
      }
      Long n = parseDigits(v, start, colon);
      if (colon >= v.length || n == null || n > v.length - colon - 2) {
        return null;
      }
      int end = colon + 1 + n.intValue();
      if (v[end] != '|') {
        return null;
      }
      pos[0] = end + 1;
      return Arrays.copyOfRange(v, colon + 1, end);
    }
  }

  /** Parses ASCII decimal digits only (at most 18); null if empty or anything else. */
  private static Long parseDigits(byte[] b, int from, int to) {
    if (to <= from || to - from > 18) {
      return null;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return null;
      }
      n = n * 10 + (b[i] - '0');
    }
    return n;
  }

  private static void appendField(StringBuilder sb, String field) {
    sb.append(utf8(field).length).append(':').append(field).append('|');
  }

  private static byte[] base64(byte[] b) {
    try {
      return Base64.getDecoder().decode(b);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  private static byte[] hexBytes(byte[] digest) {
    return HEX.formatHex(digest).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
