package dev.eddy.web;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which HTTP methods a handler class serves: those whose method ({@code get}, {@code post}, ...)
 * the class overrides. Found once per class by reflection and cached. Thread-safe.
 */
final class HandlerMethods {

  private static final ConcurrentHashMap<Class<?>, Set<String>> CACHE = new ConcurrentHashMap<>();

  private HandlerMethods() {}

  private static final ConcurrentHashMap<String, Boolean> ANNOTATED = new ConcurrentHashMap<>();

  /** True if the class or its method for {@code httpMethod} carries {@code annotation}. */
  static boolean annotated(Class<?> type, String httpMethod,
      Class<? extends java.lang.annotation.Annotation> annotation) {
    String key = type.getName() + "#" + httpMethod + "@" + annotation.getName();
    return ANNOTATED.computeIfAbsent(key, k -> {
      if (annotation == Authenticated.class && type.isAnnotationPresent(annotation)) {
        return true;
      }
      String name = httpMethod.toLowerCase(Locale.ROOT);
      for (Class<?> c = type; c != null && c != RequestHandler.class; c = c.getSuperclass()) {
        try {
          return c.getDeclaredMethod(name).isAnnotationPresent(annotation);
        } catch (NoSuchMethodException e) {
          // look in the superclass
        }
      }
      return false;
    });
  }

  static Set<String> of(Class<?> type) {
    return CACHE.computeIfAbsent(type, HandlerMethods::find);
  }

  private static Set<String> find(Class<?> type) {
    Set<String> served = new LinkedHashSet<>();
    for (String method : RequestHandler.SUPPORTED_METHODS) {
      String name = method.toLowerCase(Locale.ROOT);
      for (Class<?> c = type; c != null && c != RequestHandler.class; c = c.getSuperclass()) {
        try {
          c.getDeclaredMethod(name);
          served.add(method);
          break;
        } catch (NoSuchMethodException e) {
          // not here: look in the superclass
        }
      }
    }
    return java.util.Collections.unmodifiableSet(served); // in SUPPORTED_METHODS' order
  }
}
