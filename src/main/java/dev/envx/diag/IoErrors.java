package dev.envx.diag;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.List;
import java.util.Map;

/**
 * The OS's reason for an I/O error in words ("permission denied", "no space left on device"), never a Java
 * class name: Java puts the path in the message of {@link AccessDeniedException} and friends and the reason in
 * their type, and the OS's own text in {@link FileSystemException#getReason()}.
 */
public final class IoErrors {
  /** Where Java gives the reason as the exception's type (and the path as its message). */
  private static final List<Map.Entry<Class<? extends IOException>, String>> BY_TYPE = List.of(
      Map.entry(AccessDeniedException.class, "permission denied"),
      Map.entry(NoSuchFileException.class, "no such file or directory"),
      Map.entry(FileAlreadyExistsException.class, "file exists"),
      Map.entry(DirectoryNotEmptyException.class, "directory not empty"),
      Map.entry(NotDirectoryException.class, "not a directory"),
      Map.entry(FileSystemLoopException.class, "too many levels of symbolic links"),
      Map.entry(NotLinkException.class, "not a symbolic link"),
      Map.entry(java.nio.charset.CharacterCodingException.class, "not UTF-8 text"));

  private IoErrors() {}

  public static String reason(IOException e) {
    if (e instanceof java.net.UnknownHostException) {
      return e.getMessage() == null ? "unknown host" : "unknown host `" + e.getMessage() + "`";
    }
    if (e instanceof java.net.SocketTimeoutException || e instanceof java.io.InterruptedIOException) {
      return "timed out";
    }
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
      return Diagnostic.lowerFirst(f.getReason(), "input/output error");
    }
    for (Map.Entry<Class<? extends IOException>, String> k : BY_TYPE) {
      if (k.getKey().isInstance(e)) {
        return k.getValue();
      }
    }
    if (e.getCause() instanceof IOException inner && e.getMessage() != null
        && e.getMessage().equals(inner.toString())) {
      return reason(inner);
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getCause() instanceof IOException inner ? reason(inner) : "input/output error";
    }
    return Diagnostic.lowerFirst(m, "input/output error");
  }
}
