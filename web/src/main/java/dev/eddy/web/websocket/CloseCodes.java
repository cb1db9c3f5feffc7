package dev.eddy.web.websocket;

/**
 * Close status codes of RFC 6455 §7.4 and the rules for which may appear on the wire. Codes
 * 1005, 1006 and 1015 are reserved for reporting and are never sent; a peer that sends them, or
 * an unassigned code below 3000, violates the protocol (1002).
 */
public final class CloseCodes {

  public static final int NORMAL = 1000;
  public static final int GOING_AWAY = 1001;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int UNSUPPORTED_DATA = 1003;
  public static final int NO_STATUS = 1005;
  public static final int ABNORMAL = 1006;
  public static final int INVALID_PAYLOAD = 1007;
  public static final int POLICY_VIOLATION = 1008;
  public static final int MESSAGE_TOO_BIG = 1009;
  public static final int MANDATORY_EXTENSION = 1010;
  public static final int INTERNAL_ERROR = 1011;

  private CloseCodes() {}

  /**
   * True if {@code code} may be sent in a close frame: 1000–1003, 1007–1014 (1012–1014 are
   * registered with IANA) and the application ranges 3000–4999.
   */
  public static boolean isValidOnWire(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
