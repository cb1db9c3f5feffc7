package dev.eddy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrammarTest {

  private static final String TCHARS_PUNCTUATION = "!#$%&'*+-.^_`|~";

  @Test
  void tcharIsExactlyTheRfcSet() {
    for (int c = 0; c < 256; c++) {
      boolean expected = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z') || TCHARS_PUNCTUATION.indexOf(c) >= 0;
      assertEquals(expected, Grammar.isTchar(c), "tchar " + c);
    }
    assertFalse(Grammar.isTchar(-1));
    assertFalse(Grammar.isTchar(0x100));
  }

  @Test
  void characterClasses() {
    for (int c = 0; c < 256; c++) {
      assertEquals(c >= 0x21 && c <= 0x7e, Grammar.isVchar(c), "VCHAR " + c);
      assertEquals(c >= 0x80, Grammar.isObsText(c), "obs-text " + c);
      assertEquals(c >= 0x21 && c != 0x7f, Grammar.isFieldVchar(c), "field-vchar " + c);
      assertEquals(c < 0x20 || c == 0x7f, Grammar.isCtl(c), "CTL " + c);
      assertEquals(c == ' ' || c == '\t', Grammar.isWhitespace(c), "OWS " + c);
      assertEquals("0123456789abcdefABCDEF".indexOf(c) >= 0, Grammar.isHexdig(c), "HEXDIG " + c);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "get", "M-SEARCH", "X!#$%&'*+-.^_`|~9", "a"})
  void tokens(String s) {
    assertTrue(Grammar.isToken(s));
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(Grammar.isToken(b, 0, b.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GE T", "a:b", "a\tb", "a\u0000", "(x)", "a\"b", "a,b", "caf\u00e9",
      "a/b", "a@b", "[x]", "{x}", "a=b", "a;b", "a?b", "a\\b"})
  void notTokens(String s) {
    assertFalse(Grammar.isToken(s));
  }

  @Test
  void fieldValueProduction() {
    assertTrue(Grammar.isFieldValue(""));
    assertTrue(Grammar.isFieldValue("a"));
    assertTrue(Grammar.isFieldValue("a b\tc"));
    assertTrue(Grammar.isFieldValue("caf\u00e9\u00ff"));
    assertFalse(Grammar.isFieldValue(" a"), "leading SP is OWS, not field-value");
    assertFalse(Grammar.isFieldValue("a\t"), "trailing HTAB is OWS, not field-value");
    assertFalse(Grammar.isFieldValue("a\rb"));
    assertFalse(Grammar.isFieldValue("a\nb"));
    assertFalse(Grammar.isFieldValue("a\u0000b"));
    assertFalse(Grammar.isFieldValue("a\u007fb"));
    assertFalse(Grammar.isFieldValue("a\u0100b"), "beyond ISO-8859-1");
  }

  @Test
  void reasonPhrase() {
    assertTrue(Grammar.isReasonPhrase(""));
    assertTrue(Grammar.isReasonPhrase("Not Found"));
    assertTrue(Grammar.isReasonPhrase(" a\tb "));
    assertFalse(Grammar.isReasonPhrase("OK\r\nX-Injected: 1"));
    assertFalse(Grammar.isReasonPhrase("O\u0000K"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "example.com", "example.com:80", "example.com:", "127.0.0.1:8080",
      "[::1]", "[::1]:443", "[2001:db8::192.0.2.1]", "a-b.c_d~e", "%41b", "x!$&'()*+;=",
      "localhost:65535", "a:0"})
  void validHosts(String s) {
    assertTrue(Grammar.isHost(s), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "user@host", "a/b", "a,b", "a:65536", "a:123456", "a:8x",
      "a:-1", "[::1", "[]", "[::1]x", "[::1]:x", "[v1.x]", "a%4", "a%zz", "a:1:2", "a\tb",
      "a\u00e9", "a?b", "a#b", "a\"b"})
  void invalidHosts(String s) {
    assertFalse(Grammar.isHost(s), s);
  }

  @Test
  void scheme() {
    assertTrue(Grammar.isScheme("http", 0, 4));
    assertTrue(Grammar.isScheme("svn+ssh", 0, 7));
    assertFalse(Grammar.isScheme("1http", 0, 5));
    assertFalse(Grammar.isScheme("", 0, 0));
    assertFalse(Grammar.isScheme("ht_tp", 0, 5));
  }

  @Test
  void checkFieldNameNamesTheOffendingCharacter() {
    Grammar.checkFieldName("X-Good");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldName("X Bad"));
    assertTrue(e.getMessage().contains("SP at index 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldName(""));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldName(null));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldName("X:"));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldName("X\r\n"));
  }

  @Test
  void checkFieldValueNamesTheOffendingCharacter() {
    String[][] cases = {
        {"a\rb", "CR at index 1"},
        {"a\nb", "LF at index 1"},
        {"ab\u0000", "NUL at index 2"},
        {"\u0001", "0x01 at index 0"},
        {"a\u007f", "0x7f at index 1"},
        {"\u0100", "0x100 at index 0"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Grammar.checkFieldValue(c[0]));
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
  }

  @Test
  void checkFieldValueAcceptsWhatMayBeSent() {
    Grammar.checkFieldValue("");
    Grammar.checkFieldValue("text/html; charset=utf-8");
    Grammar.checkFieldValue(" padded\t");
    Grammar.checkFieldValue("caf\u00e9");
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkFieldValue(null));
  }

  @Test
  void checkReason() {
    Grammar.checkReason("");
    Grammar.checkReason("Not Found");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Grammar.checkReason("OK\r\nSet-Cookie: x=1"));
    assertTrue(e.getMessage().contains("CR at index 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkReason("<b>\u0000"));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkReason(null));
  }

  @Test
  void checkMethodAndTarget() {
    Grammar.checkMethod("PATCH");
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkMethod("GET /"));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkMethod(""));
    Grammar.checkRequestTarget("/a?b=c");
    Grammar.checkRequestTarget("*");
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkRequestTarget("/a b"));
    assertThrows(IllegalArgumentException.class,
        () -> Grammar.checkRequestTarget("/a\r\nHost: evil"));
    assertThrows(IllegalArgumentException.class, () -> Grammar.checkRequestTarget(""));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "7, 7",
      "007, 7",
      "1234567890, 1234567890",
      "9223372036854775807, 9223372036854775807",
      "9223372036854775808, -1",
      "99999999999999999999, -1",
      "'', -1",
      "+5, -1",
      "-5, -1",
      "1_0, -1",
      "'1 0', -1",
      "0x10, -1",
      "1e3, -1",
  })
  void parseDecimal(String s, long expected) {
    assertEquals(expected, Grammar.parseDecimal(s));
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(expected, Grammar.parseDecimal(b, 0, b.length));
  }

  @Test
  void isDigits() {
    assertTrue(Grammar.isDigits("0123456789"));
    assertFalse(Grammar.isDigits(""));
    assertFalse(Grammar.isDigits("1a"));
    assertFalse(Grammar.isDigits("\u00b2"), "superscript two is not DIGIT");
    assertFalse(Grammar.isDigits("\u0661"), "Arabic-Indic one is not DIGIT");
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "a, 10",
      "A, 10",
      "fF, 255",
      "0000000000000000000001, 1",
      "7fffffffffffffff, 9223372036854775807",
      "8000000000000000, -2",
      "ffffffffffffffffffff, -2",
      "'', -1",
      "0x1, -1",
      "-1, -1",
      "g, -1",
      "'1 ', -1",
  })
  void parseHex(String s, long expected) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(expected, Grammar.parseHex(b, 0, b.length));
    assertEquals(expected, Grammar.parseHex(s, 0, s.length()));
  }

  @Test
  void describe() {
    assertEquals("CR", Grammar.describe('\r'));
    assertEquals("LF", Grammar.describe('\n'));
    assertEquals("NUL", Grammar.describe(0));
    assertEquals("'x'", Grammar.describe('x'));
    assertEquals("0xe9", Grammar.describe(0xe9));
  }
}
