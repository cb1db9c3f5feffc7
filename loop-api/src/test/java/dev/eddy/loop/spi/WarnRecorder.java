package dev.eddy.loop.spi;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;

/** A {@link Logger} that records the arguments of each {@code warn} call and ignores the rest. */
final class WarnRecorder {

  final List<List<Object>> warnings = new ArrayList<>();

  final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
      new Class<?>[] {Logger.class}, (proxy, method, args) -> {
        if (method.getName().equals("warn")) {
          warnings.add(args == null ? List.of() : flatten(args));
        }
        Class<?> type = method.getReturnType();
        return type == boolean.class ? Boolean.TRUE : type == String.class ? "recorder" : null;
      });

  /** The format, then each argument, whether passed one by one or as varargs. */
  private static List<Object> flatten(Object[] args) {
    List<Object> all = new ArrayList<>();
    for (Object a : args) {
      if (a instanceof Object[]) {
        all.addAll(Arrays.asList((Object[]) a));
      } else {
        all.add(a);
      }
    }
    return all;
  }
}
