package dev.eddy.http;

import java.net.InetAddress;
import java.util.Set;

/**
 * The client address and protocol a trusted reverse proxy reports ({@code xheaders}), as
 * Tornado's {@code _HTTPRequestContext._apply_xheaders}: the address from {@code X-Forwarded-For}
 * (its last entry that is not a trusted downstream proxy) or {@code X-Real-Ip}; the protocol from
 * {@code X-Scheme} or {@code X-Forwarded-Proto} (its last entry). A value that is not an IP
 * address, or a protocol other than http/https, is ignored. Stateless.
 */
final class ProxyHeaders {

  private ProxyHeaders() {}

  static String remoteIp(HttpHeaders headers, String fallback, Set<String> trusted) {
    String forwarded = headers.get("X-Forwarded-For");
    String ip = null;
    if (forwarded != null) {
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (!trusted.contains(hop)) {
          ip = hop;
          break;
        }
      }
    }
    if (ip == null) {
      ip = headers.get("X-Real-Ip");
    }
    if (ip == null || !isIp(ip.trim())) {
      return fallback;
    }
    return ip.trim();
  }

  static String protocol(HttpHeaders headers, String fallback) {
    String p = headers.get("X-Scheme");
    if (p == null) {
      p = headers.get("X-Forwarded-Proto");
      if (p != null) {
        String[] parts = p.split(",");
        p = parts[parts.length - 1];
      }
    }
    if (p == null) {
      return fallback;
    }
    p = p.trim().toLowerCase(java.util.Locale.ROOT);
    return p.equals("http") || p.equals("https") ? p : fallback;
  }

  /** True for an IPv4 or IPv6 literal (no lookup is ever made). */
  static boolean isIp(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
          return false;
        }
      }
      try {
        InetAddress.getByName("[" + s + "]"); // in brackets: a literal or an error, never DNS
        return true;
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
