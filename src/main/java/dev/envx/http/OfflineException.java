package dev.envx.http;

import java.io.IOException;

/** Refusal to touch the network because envx runs offline ({@code --offline} / {@code ENVX_OFFLINE}). */
public final class OfflineException extends IOException {
  private static final long serialVersionUID = 1L;

  public OfflineException(String shownUrl) {
    super("envx is offline (`--offline` or `ENVX_OFFLINE`): not fetching `" + shownUrl + "`");
  }
}
