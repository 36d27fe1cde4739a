package dev.envx.index.pypi;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only view of a remote file through HTTP {@code Range} requests, for reading a wheel's central
 * directory and its {@code METADATA} entry without downloading the wheel. Fetched blocks are kept, so a zip
 * reader's many small reads cost a few requests.
 */
final class RangeChannel implements SeekableByteChannel {
  static final int BLOCK = 64 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  private final Transport transport;
  private final URI url;
  private final long size;
  private final TreeMap<Long, byte[]> blocks = new TreeMap<>();
  private long position;
  private int requests;
  private boolean open = true;

  private RangeChannel(Transport transport, URI url, long size) {
    this.transport = transport;
    this.url = url;
    this.size = size;
  }

  /** The result of asking for the tail: a channel (206), or the whole body when ranges are ignored (200). */
  record Opened(RangeChannel channel, byte[] whole) {}

  /** Asks for the last {@link #BLOCK} bytes; null when the server refuses ranges with an error status. */
  static Opened open(Transport transport, URI url) {
    Fetcher.Response r = transport.get(url, Map.of("Range", "bytes=-" + BLOCK), false);
    if (r.status() == 200) {
      return new Opened(null, r.body());
    }
    if (r.status() != 206) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(r.header("content-range").orElse(""));
    if (!m.matches() || Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 != r.body().length) {
      return null;
    }
    RangeChannel c = new RangeChannel(transport, url, Long.parseLong(m.group(3)));
    c.blocks.put(Long.parseLong(m.group(1)), r.body());
    c.requests = 1;
    return new Opened(c, null);
  }

  /** How many range requests were made. */
  int requests() {
    return requests;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    Map.Entry<Long, byte[]> e = blocks.floorEntry(position);
    if (e == null || e.getKey() + e.getValue().length <= position) {
      long end = Math.min(size, position + Math.max(dst.remaining(), BLOCK)) - 1;
      Fetcher.Response r = transport.get(url, Map.of("Range", "bytes=" + position + "-" + end), false);
      requests++;
      if (r.status() != 206 || r.body().length != end - position + 1) {
        throw new IOException("range request for bytes " + position + "-" + end + " answered HTTP " + r.status());
      }
      blocks.put(position, r.body());
      e = blocks.floorEntry(position);
    }
    int from = (int) (position - e.getKey());
    int n = Math.min(dst.remaining(), e.getValue().length - from);
    dst.put(e.getValue(), from, n);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IOException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long s) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void ensureOpen() throws IOException {
    if (!open) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }
}
