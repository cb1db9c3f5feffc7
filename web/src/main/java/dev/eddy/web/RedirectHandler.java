package dev.eddy.web;

import java.util.Map;

/**
 * Redirects every request: Tornado's {@code RedirectHandler}. Initialization arguments {@code url}
 * (the target; {@code {0}}, {@code {1}}, ... are replaced by the route's groups) and {@code
 * permanent} (default true: 301, else 302). The request's query string is kept (appended, or
 * merged after the target's own query).
 */
public class RedirectHandler extends RequestHandler {

  private String url;
  private boolean permanent = true;

  @Override
  protected void initialize(Map<String, Object> args) {
    Object u = args.get("url");
    if (u == null) {
      throw new IllegalStateException("RedirectHandler needs a 'url' argument");
    }
    url = u.toString();
    Object p = args.get("permanent");
    if (p instanceof Boolean) {
      permanent = (Boolean) p;
    }
  }

  @Override
  protected Object get() {
    String target = url;
    for (int i = 0; i < pathArgs().size(); i++) {
      target = target.replace("{" + i + "}", pathArgs().get(i) == null ? "" : pathArgs().get(i));
    }
    for (Map.Entry<String, String> e : pathKwargs.entrySet()) {
      target = target.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
    }
    String query = request().query();
    if (!query.isEmpty()) {
      target = target + (target.indexOf('?') >= 0 ? "&" : "?") + query;
    }
    redirect(target, permanent);
    return null;
  }
}
