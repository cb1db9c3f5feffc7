package dev.eddy.examples;

import dev.eddy.loop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The README's first snippet, kept compiling here: a timer completes a future on the loop, and
 * {@code runSync} runs the loop until it is done.
 */
public final class HelloLoop {

  private HelloLoop() {}

  public static void main(String[] args) {
    // readme:begin loop
    IOLoop loop = IOLoop.create();                       // the best backend available here
    String answer = loop.runSync(() -> {
      CompletableFuture<String> later = new CompletableFuture<>();
      loop.callLater(Duration.ofMillis(100), () -> later.complete("tick"));
      return later;                                      // completes on the loop's thread
    }, Duration.ofSeconds(5));
    System.out.println(answer + " from " + loop.pollerName());
    loop.close(true);
    // readme:end loop
  }
}
