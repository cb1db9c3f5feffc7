package dev.eddy.web;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Answers every request with one error status: Tornado's {@code ErrorHandler}, and the default
 * handler for requests no route matches (404). The status comes from the constructor or the
 * route's {@code status_code} initialization argument.
 */
public class ErrorHandler extends RequestHandler {

  private int statusCode;

  public ErrorHandler() {
    this(404);
  }

  public ErrorHandler(int statusCode) {
    this.statusCode = statusCode;
  }

  @Override
  protected void initialize(Map<String, Object> args) {
    Object code = args.get("status_code");
    if (code instanceof Integer) {
      statusCode = (Integer) code;
    }
  }

  @Override
  protected CompletionStage<?> prepare() {
    throw new HttpError(statusCode);
  }
}
