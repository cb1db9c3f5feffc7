package dev.eddy.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedValuesTest {

  private static final long TS = 1_700_000_000L;
  private static final long DAY = 86_400L;
  private static final SecretSource SECRET = SecretSource.of("s3cr3t");
  private static final SecretSource VERSIONED = SecretSource.versioned(Map.of(0, "old", 7, "k7"), 7);

  // Known answers generated with Tornado 6.2: create_signed_value(..., version=2, clock=lambda: TS).
  private static final String V2 =
      "2|1:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|"
          + "9ee4090392d9de1278e6a4f0c30e8284e5a6418a6d42703db15a0e6dfe9138b4";
  private static final String V2_KEY7 =
      "2|1:7|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|"
          + "8462d559d0f9a42811989db9282eef2d01bad20733d882c18ac2442af9f031b2";
  private static final String V2_UNICODE =
      "2|1:0|10:1700000000|4:user|16:aMOpbGxvIOKYgw==|"
          + "4d711a56451fd56e817a7df6933b77757d494849c8e766b96747934af7a694d8";
  private static final String V2_EMPTY =
      "2|1:0|10:1700000000|1:n|0:|d31ede7d7ecb4803f78c7a6a347994ed80f84443b069a99a21bc7f7f0c5f6998";
  private static final String V1 =
      "aGVsbG8gd29ybGQ=|1700000000|618fc81423d17e51df1584863cb8885dabcba5bb";

  private static String decode(SecretSource s, String name, String value, long now) {
    return SignedValues.decode(s, name, value, SignedValues.DEFAULT_MAX_AGE_DAYS, now);
  }

  @Test
  void createMatchesTornadoKnownAnswers() {
    assertEquals(V2, SignedValues.create(SECRET, "session", "hello world", TS));
    assertEquals(V2_KEY7, SignedValues.create(VERSIONED, "session", "hello world", TS));
    assertEquals(V2_UNICODE, SignedValues.create(SECRET, "user", "h\u00e9llo \u2603", TS));
    assertEquals(V2_EMPTY, SignedValues.create(SECRET, "n", "", TS));
    Clock clock = Clock.fixed(Instant.ofEpochSecond(TS, 999_000_000), ZoneOffset.UTC);
    assertEquals(V2, SignedValues.create(SECRET, "session", "hello world", clock));
  }

  @Test
  void decodesTornadoKnownAnswers() {
    assertEquals("hello world", decode(SECRET, "session", V2, TS));
    assertEquals("hello world", decode(VERSIONED, "session", V2_KEY7, TS));
    assertEquals("h\u00e9llo \u2603", decode(SECRET, "user", V2_UNICODE, TS));
    assertEquals("", decode(SECRET, "n", V2_EMPTY, TS));
    assertEquals(7, SignedValues.keyVersion(V2_KEY7));
    assertEquals(0, SignedValues.keyVersion(V2));
    assertNull(SignedValues.keyVersion(V1));
    assertNull(SignedValues.keyVersion("2|garbage"));
  }

  @Test
  void v1IsReadOnlyWhenMinVersionAllowsIt() {
    assertEquals(1, SignedValues.DEFAULT_MIN_VERSION, "Tornado's DEFAULT_SIGNED_VALUE_MIN_VERSION");
    assertEquals("hello world", decode(SECRET, "session", V1, TS));
    assertEquals(
        "hello world", SignedValues.decode(SECRET, "session", V1, 31, TS, 1));
    assertNull(SignedValues.decode(SECRET, "session", V1, 31, TS, 2));
    assertNull(decode(SECRET, "other", V1, TS), "name swap");
    assertNull(decode(VERSIONED, "session", V1, TS), "v1 cannot be verified with versioned secrets");
    assertNull(decode(SECRET, "session", V1, TS + 32 * DAY), "expired");
    assertNull(decode(SECRET, "session", V1, TS - 32 * DAY), "timestamp too far in the future");
    assertNull(decode(SECRET, "session", V1.replace("|618f", "|718f"), TS), "tampered");
    assertThrows(
        IllegalArgumentException.class, () -> SignedValues.decode(SECRET, "session", V1, 31, TS, 3));
  }

  @Test
  void roundTripsBytesAndStrings() {
    byte[] binary = {0, 1, (byte) 0xff, '|', ':', '\n'};
    String signed = SignedValues.create(SECRET, "bin", binary, TS);
    assertArrayEquals(binary, SignedValues.decodeBytes(SECRET, "bin", signed, 31, TS, 2));
    assertNull(SignedValues.decode(SECRET, "bin", signed, 31, TS), "invalid UTF-8 as a string");
    String weird = "a|b:c|12:x|\u00fc";
    assertEquals(weird, decode(SECRET, "name|with:pipes", SignedValues.create(SECRET, "name|with:pipes", weird, TS), TS));
  }

  @Test
  void keyRotation() {
    SecretSource v0 = SecretSource.versioned(Map.of(0, "old"), 0);
    String oldValue = SignedValues.create(v0, "s", "x", TS);
    String newValue = SignedValues.create(VERSIONED, "s", "x", TS);
    assertEquals(0, SignedValues.keyVersion(oldValue));
    assertEquals(7, SignedValues.keyVersion(newValue));
    assertEquals("x", decode(VERSIONED, "s", oldValue, TS));
    assertEquals("x", decode(VERSIONED, "s", newValue, TS));
    SecretSource dropped = SecretSource.versioned(Map.of(7, "k7"), 7);
    assertNull(decode(dropped, "s", oldValue, TS), "unknown key version");
    assertEquals("x", decode(dropped, "s", newValue, TS));
    // A single secret ignores the key version named in the value, as Tornado does.
    assertEquals("x", decode(SecretSource.of("k7"), "s", newValue, TS));
    assertThrows(IllegalArgumentException.class, () -> SecretSource.versioned(Map.of(1, "a"), 2));
    assertThrows(IllegalArgumentException.class, () -> SecretSource.of(""));
    assertEquals("SecretSource[single]", SECRET.toString());
  }

  @Test
  void rejectsEveryTamperedCharacter() {
    for (int i = 0; i < V2.length(); i++) {
      char c = V2.charAt(i);
      char replacement = c == 'a' ? 'b' : 'a';
      String tampered = V2.substring(0, i) + replacement + V2.substring(i + 1);
      assertNull(decode(SECRET, "session", tampered, TS), "tampered at " + i + ": " + tampered);
    }
    assertNull(decode(SecretSource.of("other"), "session", V2, TS), "wrong secret");
    assertNull(decode(SECRET, "session", V2 + "0", TS));
    assertNull(decode(SECRET, "session", V2.substring(0, V2.length() - 1), TS));
  }

  @Test
  void expiryAndNameSwap() {
    assertEquals("hello world", decode(SECRET, "session", V2, TS + 31 * DAY));
    assertNull(decode(SECRET, "session", V2, TS + 31 * DAY + 1));
    assertEquals("hello world", SignedValues.decode(SECRET, "session", V2, 0.5, TS + DAY / 2, 2));
    assertNull(SignedValues.decode(SECRET, "session", V2, 0.5, TS + DAY / 2 + 1, 2));
    // Like Tornado, v2 does not reject future timestamps.
    assertEquals("hello world", decode(SECRET, "session", V2, TS - 365 * DAY));
    assertNull(decode(SECRET, "sessioN", V2, TS));
    String other = SignedValues.create(SECRET, "other", "hello world", TS);
    assertNull(decode(SECRET, "session", other, TS));
  }

  @Test
  void malformedValuesGiveNull() {
    String sig = V2.substring(V2.lastIndexOf('|') + 1);
    for (String bad :
        new String[] {
          null,
          "",
          "2",
          "2|",
          "2|1:0",
          "2|1:0|",
          "2|x:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|" + sig,
          "2|-1:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|" + sig,
          "2|1:0|10:1700000000|7:session|99:aGVsbG8gd29ybGQ=|" + sig,
          "2|1:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=" + sig,
          "2|1:0|99999999999999999999:1|" + sig,
          "3|1:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|" + sig,
          "02|1:0|10:1700000000|7:session|16:aGVsbG8gd29ybGQ=|" + sig,
          "|||",
          "a|b|c",
          "\u00ff\u0000|\n",
        }) {
      assertNull(decode(SECRET, "session", bad, TS), String.valueOf(bad));
    }
  }

  @Test
  void liveTornadoSignsEddyDecodes() throws Exception {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    String value = "caf\u00e9 | 1:2 \u2603";
    String script =
        """
        import sys, tornado.web as w
        ts = int(sys.argv[1]); value = bytes.fromhex(sys.argv[2]).decode("utf-8")
        print(w.create_signed_value("s3cr3t", "session", value, version=2, clock=lambda: ts).decode())
        print(w.create_signed_value({0: "old", 7: "k7"}, "session", value, version=2,
                                    clock=lambda: ts, key_version=7).decode())
        print(w.create_signed_value("s3cr3t", "session", value, version=1, clock=lambda: ts).decode())
        """;
    List<String> out =
        TornadoScript.run(script, Long.toString(TS), HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
    assertEquals(3, out.size(), out::toString);
    assertEquals(SignedValues.create(SECRET, "session", value, TS), out.get(0), "byte-identical v2");
    assertEquals(SignedValues.create(VERSIONED, "session", value, TS), out.get(1), "byte-identical v2 key 7");
    assertEquals(value, decode(SECRET, "session", out.get(0), TS));
    assertEquals(value, decode(VERSIONED, "session", out.get(1), TS));
    assertEquals(value, decode(SECRET, "session", out.get(2), TS));
    assertNull(SignedValues.decode(SECRET, "session", out.get(2), 31, TS, 2));
  }

  @Test
  void liveEddySignsTornadoDecodes() throws Exception {
    assumeTrue(TornadoScript.available(), TornadoScript.SKIP_REASON);
    String value = "h\u00e9llo|w:rld \u2603";
    String single = SignedValues.create(SECRET, "session", value, TS);
    String keyed = SignedValues.create(VERSIONED, "session", value, TS);
    String tampered = single.substring(0, single.length() - 1) + (single.endsWith("0") ? "1" : "0");
    String script =
        """
        import sys, tornado.web as w
        ts = int(sys.argv[1])
        def show(v):
            print("None" if v is None else v.hex())
        show(w.decode_signed_value("s3cr3t", "session", sys.argv[2], clock=lambda: ts))
        show(w.decode_signed_value({0: "old", 7: "k7"}, "session", sys.argv[3], clock=lambda: ts))
        print(w.get_signature_key_version(sys.argv[3]))
        show(w.decode_signed_value("s3cr3t", "session", sys.argv[4], clock=lambda: ts))
        show(w.decode_signed_value("s3cr3t", "other", sys.argv[2], clock=lambda: ts))
        show(w.decode_signed_value("s3cr3t", "session", sys.argv[2], clock=lambda: ts + 32 * 86400))
        """;
    List<String> out = TornadoScript.run(script, Long.toString(TS), single, keyed, tampered);
    String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(hex, hex, "7", "None", "None", "None"), out);
  }
}
