package dev.envx.index.pypi;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A PyPI index problem, with a {@link Kind} so callers can tell "this project is not on the index" (which a
 * cross-ecosystem solve may answer from conda) from real failures. Messages name redacted URLs only.
 */
public final class PypiIndexException extends EnvxException {
  /** What went wrong; decides the exit code. */
  public enum Kind {
    /** The project is on none of the indexes (exit 2). */
    UNKNOWN_PROJECT(USAGE),
    /** The URL answered, but not with a simple index page (exit 2: check {@code --index-url}). */
    NOT_AN_INDEX(USAGE),
    /** The index wants credentials, or refused the given ones (exit 2). */
    AUTHENTICATION(USAGE),
    /** A file or metadata file does not have the hash the index announced (exit 1). */
    HASH_MISMATCH(FAILURE),
    /** The page or file is there but cannot be read (bad JSON, a zip without metadata) (exit 1). */
    MALFORMED(FAILURE),
    /** No metadata can be had without building: an sdist without a PEP 658 metadata file (exit 1). */
    NO_METADATA(FAILURE),
    /** An HTTP error status or an I/O failure (exit 1). */
    UNAVAILABLE(FAILURE),
    /** Offline, and the cache does not have it (exit 1). */
    OFFLINE(FAILURE);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private final Kind kind;

  public PypiIndexException(Kind kind, String message, String... hints) {
    super(kind.exitCode, Diagnostic.error(message, null, hints));
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static PypiIndexException of(Kind kind, String message, List<String> hints) {
    return new PypiIndexException(kind, message, new ArrayList<>(hints).toArray(String[]::new));
  }
}
