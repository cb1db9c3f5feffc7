package dev.eddy.web;

/**
 * An application's settings, Tornado's names where it has them: {@code debug} (stack traces in
 * error pages) and {@code computeEtag} (on). Immutable; change one with a {@code with} method.
 *
 * @param debug stack traces in error pages
 * @param computeEtag add an ETag to 200 answers to GET/HEAD and answer 304 when it matches
 */
public record Settings(boolean debug, boolean computeEtag) {

  /** debug off, ETags on. */
  public static final Settings DEFAULTS = new Settings(false, true);

  public Settings withDebug(boolean on) {
    return new Settings(on, computeEtag);
  }

  public Settings withComputeEtag(boolean on) {
    return new Settings(debug, on);
  }
}
