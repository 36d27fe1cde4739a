package dev.envx.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers why it failed. {@link java.io.PrintWriter} swallows write errors (it keeps only
 * a flag); this stream keeps the first {@link IOException} so that envx can say "cannot write to standard
 * output: no space left on device" and exit 1 instead of exiting 0 with the output lost. After a failure
 * further writes are dropped.
 */
public final class CheckedOutputStream extends FilterOutputStream {
  private IOException failure;

  public CheckedOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void flush() throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      out.flush();
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  /** The first write or flush error, or null. */
  public IOException failure() {
    return failure;
  }
}
