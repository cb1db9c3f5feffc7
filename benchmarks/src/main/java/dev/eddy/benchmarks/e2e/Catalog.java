package dev.eddy.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The servers of the comparison, in the order they run: the Netty baselines first, then Eddy's
 * HTTP-level and web hellos on each backend with one loop and with one loop per core, Tornado
 * (one process, one per core) and nginx (one worker).
 */
final class Catalog {

  static final String PYTHON = "/usr/bin/python3";
  static final String NGINX = "/usr/sbin/nginx";
  static final List<String> EDDY_BACKENDS = List.of("nio", "epoll-jna", "epoll-netty");
  /** The flags every Java server runs with (besides the class path). */
  static final List<String> JVM_FLAGS = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  private final String java;
  private final String classPath;
  private final int cores;

  Catalog(String java, String classPath, int cores) {
    this.java = java;
    this.classPath = classPath;
    this.cores = cores;
  }

  /** Every server, those that cannot run here with the reason. */
  List<Server> servers() {
    List<Integer> widths = cores > 1 ? List.of(1, cores) : List.of(1);
    List<Server> all = new ArrayList<>();
    for (int n : widths) {
      all.add(jvm("netty-epoll-x" + n, NettyHello.class, "epoll", n));
    }
    all.add(jvm("netty-nio-x1", NettyHello.class, "nio", 1));
    for (Class<?> main : List.of(EddyHttpHello.class, EddyWebHello.class)) {
      String kind = main == EddyHttpHello.class ? "eddy-http-" : "eddy-web-";
      for (String backend : EDDY_BACKENDS) {
        for (int n : widths) {
          all.add(jvm(kind + backend + "-x" + n, main, backend, n));
        }
      }
    }
    String tornado = tornadoMissing();
    for (int n : widths) {
      all.add(new Server("tornado-x" + n, n, false, (port, f) -> List.of(PYTHON,
          f.tornadoScript().toString(), Integer.toString(port), Integer.toString(n),
          f.staticDir().toString()), tornado));
    }
    all.add(new Server("nginx-x1", 1, false, (port, f) -> List.of(NGINX, "-p",
        f.nginxDir().toString(), "-e", f.nginxDir().resolve("error.log").toString(), "-c",
        f.nginxConfig(port).toString(), "-g", "daemon off;"),
        Files.isExecutable(Path.of(NGINX)) ? null : "not installed (" + NGINX + ")"));
    return all;
  }

  private Server jvm(String name, Class<?> main, String backend, int loops) {
    return new Server(name, loops, true, (port, f) -> {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(JVM_FLAGS);
      cmd.addAll(List.of("-cp", classPath, main.getName(), "--port", Integer.toString(port),
          "--backend", backend, "--loops", Integer.toString(loops), "--static",
          f.staticDir().toString()));
      return cmd;
    }, null);
  }

  private static String tornadoMissing() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return "not installed (" + PYTHON + ")";
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import tornado").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return "not installed (import tornado hung)";
      }
      return p.exitValue() == 0 ? null : "not installed (python3-tornado)";
    } catch (IOException e) {
      return "not installed (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "not checked (interrupted)";
    }
  }
}
