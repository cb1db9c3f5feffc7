package dev.eddy.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The secret(s) used to sign and verify values with {@link SignedValues}; the equivalent of Tornado's
 * {@code cookie_secret} setting, which is either one string or a {@code {key_version: secret}} dict.
 *
 * <p>A {@linkplain #of(String) single secret} signs with key version 0 and verifies any value with it,
 * whatever key version the value names (as Tornado does for a plain string secret). A
 * {@linkplain #versioned(Map, int) versioned source} signs with its current version and verifies a value
 * with the secret of the version the value names; values naming an unknown version are rejected. This is
 * how keys are rotated: add a new version, make it current, drop the old one once its values expired.
 *
 * <p>Secrets are encoded as UTF-8 (Tornado's {@code utf8(secret)}). Instances are immutable and
 * thread-safe; {@link #toString()} never reveals a secret.
 */
public final class SecretSource {

  private final Map<Integer, byte[]> keys;
  private final int currentVersion;
  private final boolean versioned;

  private SecretSource(Map<Integer, byte[]> keys, int currentVersion, boolean versioned) {
    this.keys = keys;
    this.currentVersion = currentVersion;
    this.versioned = versioned;
  }

  /**
   * A single secret (Tornado: {@code cookie_secret="..."}).
   *
   * @throws IllegalArgumentException if the secret is empty
   * @throws NullPointerException if the secret is null
   */
  public static SecretSource of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    return new SecretSource(Map.of(0, secret.getBytes(StandardCharsets.UTF_8)), 0, false);
  }

  /**
   * Versioned secrets (Tornado: {@code cookie_secret={1: "...", 2: "..."}} with {@code key_version}).
   *
   * @param secrets key version (non-negative) to secret; copied
   * @param currentVersion the version new values are signed with; must be a key of {@code secrets}
   * @throws IllegalArgumentException if the map is empty, a version is negative, a secret is empty or
   *     {@code currentVersion} is not in the map
   */
  public static SecretSource versioned(Map<Integer, String> secrets, int currentVersion) {
    Objects.requireNonNull(secrets, "secrets");
    if (!secrets.containsKey(currentVersion)) {
      throw new IllegalArgumentException("current key version " + currentVersion + " has no secret");
    }
    Map<Integer, byte[]> copy = new TreeMap<>();
    for (Map.Entry<Integer, String> e : secrets.entrySet()) {
      Integer version = Objects.requireNonNull(e.getKey(), "key version");
      String secret = Objects.requireNonNull(e.getValue(), "secret");
      if (version < 0) {
        throw new IllegalArgumentException("key versions must be non-negative: " + version);
      }
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret for key version " + version + " is empty");
      }
      copy.put(version, secret.getBytes(StandardCharsets.UTF_8));
    }
    return new SecretSource(Map.copyOf(copy), currentVersion, true);
  }

  /** Whether this source holds versioned secrets (a Tornado secret dict). */
  public boolean isVersioned() {
    return versioned;
  }

  /** The key version written into new values: the current version, or 0 for a single secret. */
  public int signingKeyVersion() {
    return currentVersion;
  }

  byte[] signingKey() {
    return keys.get(currentVersion);
  }

  /** The key to verify a value naming {@code keyVersion}, or null when that version is unknown. */
  byte[] verificationKey(int keyVersion) {
    return versioned ? keys.get(keyVersion) : keys.get(0);
  }

  @Override
  public String toString() {
    return versioned
        ? "SecretSource[versions=" + new TreeMap<>(keys).keySet() + ", current=" + currentVersion + "]"
        : "SecretSource[single]";
  }
}
