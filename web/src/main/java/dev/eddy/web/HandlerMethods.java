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

  /**
   * Per handler class, per annotation, per HTTP method: whether it is annotated. A lookup of a
   * known answer allocates nothing (it runs for every request); the class's entry goes with it.
   */
  private static final ClassValue<ConcurrentHashMap<Class<?>, ConcurrentHashMap<String, Boolean>>>
      ANNOTATED = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Class<?>, ConcurrentHashMap<String, Boolean>> computeValue(
            Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /** True if the class or its method for {@code httpMethod} carries {@code annotation}. */
  static boolean annotated(Class<?> type, String httpMethod,
      Class<? extends java.lang.annotation.Annotation> annotation) {
    ConcurrentHashMap<String, Boolean> byMethod =
        ANNOTATED.get(type).computeIfAbsent(annotation, a -> new ConcurrentHashMap<>());
    Boolean known = byMethod.get(httpMethod);
    if (known != null) {
      return known;
    }
    boolean found = findAnnotation(type, httpMethod, annotation);
    byMethod.put(httpMethod, found);
    return found;
  }

  private static boolean findAnnotation(Class<?> type, String httpMethod,
      Class<? extends java.lang.annotation.Annotation> annotation) {
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
