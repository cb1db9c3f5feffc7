package dev.eddy.web;

import java.io.IOException;
import java.util.Map;

/**
 * Renders templates for {@link RequestHandler#render}: a small interface so that any engine fits;
 * Eddy ships {@link PebbleTemplates}. Implementations must be thread-safe (one engine serves every
 * loop of an application).
 */
public interface TemplateEngine {

  /**
   * Renders the template {@code name} with {@code model}.
   *
   * @throws IOException if the template cannot be found or read
   */
  String render(String name, Map<String, Object> model) throws IOException;

  /** Renders {@code template} itself (its text) with {@code model}. */
  String renderString(String template, Map<String, Object> model) throws IOException;
}
