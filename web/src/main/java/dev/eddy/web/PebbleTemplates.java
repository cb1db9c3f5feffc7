package dev.eddy.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link TemplateEngine} over Pebble ({@code io.pebbletemplates:pebble}) with autoescaping on:
 * templates are files under {@code templatePath}; compiled templates are cached unless {@code
 * cache} is false (the {@code debug} setting's choice, so edits show at once). A missing template
 * is an {@link IOException} naming it. Thread-safe (Pebble's engine is).
 */
public final class PebbleTemplates implements TemplateEngine {

  private final PebbleEngine files;
  private final PebbleEngine strings;

  /**
   * @param templatePath the directory holding the templates
   * @param cache keep compiled templates (false while developing)
   */
  public PebbleTemplates(Path templatePath, boolean cache) {
    FileLoader loader = new FileLoader();
    loader.setPrefix(templatePath.toAbsolutePath().toString());
    this.files = new PebbleEngine.Builder().loader(loader).autoEscaping(true).cacheActive(cache)
        .build();
    this.strings = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(true)
        .cacheActive(false).build();
  }

  @Override
  public String render(String name, Map<String, Object> model) throws IOException {
    try {
      StringWriter out = new StringWriter();
      files.getTemplate(name).evaluate(out, model);
      return out.toString();
    } catch (io.pebbletemplates.pebble.error.LoaderException e) {
      throw new IOException("template " + name + " not found: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public String renderString(String template, Map<String, Object> model) throws IOException {
    StringWriter out = new StringWriter();
    strings.getTemplate(template).evaluate(out, model);
    return out.toString();
  }
}
