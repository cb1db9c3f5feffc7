package dev.eddy.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The handler behind the lambda style ({@code app.get("/x", ctx -> ...)}): runs the action for the
 * request's method; a value it returns (or its stage completes with) is written.
 */
final class LambdaHandler extends RequestHandler {

  private final Map<String, Application.Action> actions;

  LambdaHandler(Map<String, Application.Action> actions) {
    this.actions = actions;
  }

  @Override
  Set<String> supportedMethods() {
    return actions.keySet();
  }

  private Object run(String method) throws Exception {
    Application.Action action = actions.get(method);
    if (action == null) {
      throw new HttpError(405);
    }
    Object result = action.handle(this);
    if (result instanceof CompletionStage) {
      return ((CompletionStage<?>) result).thenAccept(this::writeResult);
    }
    writeResult(result);
    return null;
  }

  private void writeResult(Object value) {
    if (value != null && !finished()) {
      write(value);
    }
  }

  @Override
  protected Object get() throws Exception {
    return run("GET");
  }

  @Override
  protected Object head() throws Exception {
    return run("HEAD");
  }

  @Override
  protected Object post() throws Exception {
    return run("POST");
  }

  @Override
  protected Object put() throws Exception {
    return run("PUT");
  }

  @Override
  protected Object delete() throws Exception {
    return run("DELETE");
  }

  @Override
  protected Object patch() throws Exception {
    return run("PATCH");
  }

  @Override
  protected Object options() throws Exception {
    return run("OPTIONS");
  }
}
