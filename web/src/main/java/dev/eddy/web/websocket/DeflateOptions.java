package dev.eddy.web.websocket;

import java.util.zip.Deflater;

/**
 * permessage-deflate settings of one side (Tornado's {@code compression_options}).
 *
 * @param level the Deflater level, -1 (default) or 0..9
 * @param noContextTakeover true to reset this side's compressor after every message, which costs
 *     ratio and saves memory; declared in the handshake ({@code client_no_context_takeover} in a
 *     client's offer, {@code server_no_context_takeover} in a server's answer)
 */
public record DeflateOptions(int level, boolean noContextTakeover) {

  /** Default level, context takeover. */
  public static final DeflateOptions DEFAULTS =
      new DeflateOptions(Deflater.DEFAULT_COMPRESSION, false);

  /** @throws IllegalArgumentException for a level outside -1..9 */
  public DeflateOptions {
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("level must be -1..9, got " + level);
    }
  }
}
