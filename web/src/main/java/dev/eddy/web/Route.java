package dev.eddy.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL pattern and the handler that serves it: Tornado's {@code URLSpec}. The pattern is a
 * regular expression matched against the whole path (anchored at both ends); unnamed groups become
 * positional path arguments and named groups named ones; a pattern with both is refused, as in
 * Tornado. A route may have a name, for {@link Application#reverseUrl}, and initialization
 * arguments, given to {@link RequestHandler#initialize}. Immutable.
 */
public final class Route {

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final String pattern;
  private final Pattern regex;
  private final Supplier<? extends RequestHandler> factory;
  private final Map<String, Object> initArgs;
  private final String name;
  private final List<String> groupNames;
  private final boolean named;
  /**
   * Text every path this route matches starts with ({@code /static/} of {@code /static/(.*)}):
   * a path without it is refused before the regex runs, so the routes tried before the one that
   * matches cost a comparison each, not a matcher.
   */
  private final String prefix;
  /** The path this route matches when its pattern has no regex in it (compared, not matched). */
  private final String literal;
  /** The match of a route without groups: the same for every request. */
  private final Match bare;
  /** For a lambda route: the action per method (added to as methods are registered). */
  private final Map<String, Application.Action> lambdas;

  /**
   * @throws IllegalArgumentException for a pattern that does not compile, or mixes named and
   *     unnamed groups
   */
  public Route(String pattern, Supplier<? extends RequestHandler> factory,
      Map<String, Object> initArgs, String name) {
    this(pattern, factory, initArgs, name, null);
  }

  private Route(String pattern, Supplier<? extends RequestHandler> factory,
      Map<String, Object> initArgs, String name, Map<String, Application.Action> lambdas) {
    this.lambdas = lambdas;
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.initArgs = Map.copyOf(initArgs == null ? Map.of() : initArgs);
    this.name = name;
    String anchored = pattern.endsWith("$") ? pattern : pattern + "$";
    try {
      this.regex = Pattern.compile(anchored.startsWith("^") ? anchored : "^" + anchored);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("bad route pattern " + pattern + ": "
          + e.getDescription(), e);
    }
    List<String> names = new ArrayList<>();
    Matcher m = NAMED_GROUP.matcher(pattern);
    while (m.find()) {
      names.add(m.group(1));
    }
    this.groupNames = List.copyOf(names);
    this.named = !names.isEmpty();
    int groups = regex.matcher("").groupCount();
    if (named && names.size() != groups) {
      throw new IllegalArgumentException("route " + pattern + " mixes named and unnamed groups; "
          + "use one kind (Tornado refuses the mix too)");
    }
    this.literal = literalOf(pattern);
    this.prefix = requiredPrefix(pattern);
    this.bare = groups == 0 ? new Match(this, List.of(), Map.of()) : null;
  }

  /**
   * The one path {@code pattern} matches if it is plain text ({@code /about}, or {@code
   * \Q/about\E} as the lambda style quotes it), else null.
   */
  static String literalOf(String pattern) {
    String p = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    p = p.endsWith("$") && !p.endsWith("\\$") ? p.substring(0, p.length() - 1) : p;
    if (p.startsWith("\\Q") && p.endsWith("\\E") && p.length() >= 4
        && p.indexOf("\\E") == p.length() - 2) {
      return p.substring(2, p.length() - 2);
    }
    for (int i = 0; i < p.length(); i++) {
      if (".[]{}()*+?^$|\\".indexOf(p.charAt(i)) >= 0) {
        return null;
      }
    }
    return p;
  }

  /**
   * The literal text at the start of every string {@code pattern} matches, as far as it can be
   * read without doubt: plain characters, escaped punctuation, {@code \Q…\E}, and the inside of
   * a first capturing group that is not optional, in a pattern without alternation. A character
   * followed by a quantifier, and anything after the first other construct, is left out; the
   * empty string when nothing is certain.
   */
  static String requiredPrefix(String pattern) {
    String p = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    boolean alternation = p.indexOf('|') >= 0;
    StringBuilder out = new StringBuilder();
    int groupStart = -1; // the length of out when the group we are inside began
    int i = 0;
    int n = p.length();
    while (i < n) {
      char c = p.charAt(i);
      String text;
      int next;
      if (c == '\\' && i + 1 < n && p.charAt(i + 1) == 'Q') {
        int end = p.indexOf("\\E", i + 2);
        text = end < 0 ? p.substring(i + 2) : p.substring(i + 2, end);
        next = end < 0 ? n : end + 2;
      } else if (c == '\\' && i + 1 < n && !Character.isLetterOrDigit(p.charAt(i + 1))) {
        text = String.valueOf(p.charAt(i + 1));
        next = i + 2;
      } else if (c == '(' && groupStart < 0 && !alternation && i + 1 < n
          && p.charAt(i + 1) != '?') {
        groupStart = out.length();
        i++;
        continue;
      } else if (c == ')' && groupStart >= 0) {
        if (i + 1 < n && "*+?{".indexOf(p.charAt(i + 1)) >= 0) {
          out.setLength(groupStart); // an optional or repeated group: none of it is certain
          return out.toString();
        }
        groupStart = -1;
        i++;
        continue;
      } else if (".[]{}()*+?^$|\\".indexOf(c) >= 0) {
        break;
      } else {
        text = String.valueOf(c);
        next = i + 1;
      }
      if (next < n && "*+?{".indexOf(p.charAt(next)) >= 0) {
        out.append(text, 0, text.length() - 1); // the last character may repeat or be absent
        break;
      }
      out.append(text);
      i = next;
    }
    if (groupStart >= 0) {
      out.setLength(groupStart); // stopped inside a group that might turn out optional
    }
    return out.toString();
  }

  /** A route without a name or initialization arguments. */
  public Route(String pattern, Supplier<? extends RequestHandler> factory) {
    this(pattern, factory, Map.of(), null);
  }

  /** A route of lambda actions by method (the application's lambda style). */
  static Route lambdas(String pattern, Map<String, Application.Action> byMethod) {
    return new Route(pattern, () -> new LambdaHandler(byMethod), Map.of(), null, byMethod);
  }

  /** The lambda actions by method, or null for a handler route. */
  Map<String, Application.Action> lambdas() {
    return lambdas;
  }

  /** The pattern as given. */
  public String pattern() {
    return pattern;
  }

  /** The name, or null. */
  public String name() {
    return name;
  }

  Map<String, Object> initArgs() {
    return initArgs;
  }

  RequestHandler newHandler() {
    return factory.get();
  }

  /** The path arguments if {@code path} matches, else null. */
  Match match(String path) {
    if (literal != null) {
      return path.equals(literal) ? bare : null;        // no matcher for a plain path
    }
    if (!path.startsWith(prefix)) {
      return null;
    }
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    if (bare != null) {
      return bare;
    }
    List<String> positional = new ArrayList<>();
    java.util.LinkedHashMap<String, String> byName = new java.util.LinkedHashMap<>();
    if (named) {
      for (String g : groupNames) {
        byName.put(g, decode(m.group(g)));
      }
    } else {
      for (int i = 1; i <= m.groupCount(); i++) {
        positional.add(decode(m.group(i)));
      }
    }
    return new Match(this, positional, byName);
  }

  /** A path argument, percent-decoded as Tornado does (but not {@code +}). */
  private static String decode(String s) {
    if (s == null) {
      return null;
    }
    return java.net.URLDecoder.decode(s.replace("+", "%2B"),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The path for these arguments: each group of the pattern replaced by the argument, in order.
   *
   * @throws IllegalArgumentException if the pattern is not reversible or the counts differ
   */
  String reverse(Object... args) {
    String p = pattern;
    if (p.startsWith("^")) {
      p = p.substring(1);
    }
    if (p.endsWith("$")) {
      p = p.substring(0, p.length() - 1);
    }
    StringBuilder out = new StringBuilder();
    int arg = 0;
    int depth = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '(') {
        if (depth == 0) {
          if (arg >= args.length) {
            throw new IllegalArgumentException("route " + pattern + " needs more arguments");
          }
          out.append(java.net.URLEncoder.encode(String.valueOf(args[arg++]),
              java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0) {
        if ("\\.*+?[]{}|".indexOf(c) >= 0) {
          if (c == '\\' && i + 1 < p.length()) {
            out.append(p.charAt(++i));
            continue;
          }
          throw new IllegalArgumentException("route " + pattern + " is not reversible");
        }
        out.append(c);
      }
    }
    if (arg != args.length) {
      throw new IllegalArgumentException("route " + pattern + " takes " + arg + " arguments, got "
          + args.length);
    }
    return out.toString();
  }

  /** A matched route and its path arguments. */
  record Match(Route route, List<String> args, Map<String, String> kwargs) {}

  @Override
  public String toString() {
    return "Route[" + pattern + (name != null ? ", " + name : "") + "]";
  }
}
