package dev.envx.http;

import dev.envx.io.AtomicFiles;
import dev.envx.io.ProcessLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one conditional-GET cache: per resource a body file and a meta file ({@code <label>-<hash>.body},
 * {@code <label>-<hash>.meta}) holding the URL as shown (never a credential), the validators, the content type,
 * when it was fetched, the server's {@code max-age} and the caller's notes. A new body is written whole to a
 * temporary file of its own first ({@link AtomicFiles#prepare}: a failed transfer leaves the previous entry as it
 * was, and writers of the same key in other threads or processes never share it), then the meta file is removed,
 * the body moved into place and the new meta written atomically ({@link AtomicFiles}), so a crash never pairs a
 * body with another body's validators. Writers of a key do this one at a time, also across processes (a lock
 * file per key, {@code .locks/<label>-<hash>.lock}, {@link ProcessLock}), and a reader reads the meta and checks the
 * body under the same lock, so two envx processes fetching the same repodata never pair one's body with the
 * other's validators; the meta also records the size of the body its writer moved. An entry whose meta does not
 * parse, names another key, or whose body is missing or has another size than recorded is discarded (both files
 * removed) and reads as absent.
 */
public final class ConditionalCache {
  /**
   * What a cached resource is known by.
   *
   * @param label a readable prefix for the file names (sanitised, at most 60 characters kept)
   * @param id what identifies the resource (its URL without credentials, plus whatever else selects it)
   */
  public record Key(String label, String id) {
    public Key {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(id, "id");
    }

    String stem() {
      String readable = label.replaceAll("[^A-Za-z0-9._-]+", "_");
      if (readable.length() > 60) {
        readable = readable.substring(readable.length() - 60);
      }
      return readable + "-" + sha256(id).substring(0, 16);
    }
  }

  /**
   * A cached resource.
   *
   * @param url the URL it came from, as messages show it
   * @param maxAge the server's {@code Cache-Control: max-age}, if it gave one
   * @param notes the caller's bookkeeping (short strings)
   * @param body the body file; empty for an entry that only records notes (a 404 remembered)
   */
  public record Entry(Key key, String url, Validators validators, Optional<String> contentType, Instant fetched,
      Optional<Duration> maxAge, Map<String, String> notes, Optional<Path> body) {
    public Entry {
      notes = Map.copyOf(notes);
    }

    /** Whether the entry is younger than its {@code max-age} at {@code now}. */
    public boolean freshAt(Instant now) {
      return maxAge.isPresent() && !now.isBefore(fetched) && now.isBefore(fetched.plus(maxAge.get()));
    }

    public Optional<String> note(String name) {
      return Optional.ofNullable(notes.get(name));
    }
  }

  private final Path dir;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public ConditionalCache(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path dir() {
    return dir;
  }

  /** The body file an entry of this key has (whether or not it exists). */
  public Path bodyFile(Key key) {
    return dir.resolve(key.stem() + ".body");
  }

  private Path metaFile(Key key) {
    return dir.resolve(key.stem() + ".meta");
  }

  /** The entry, or empty when there is none or it was damaged (then it is removed). */
  public Optional<Entry> get(Key key) {
    if (!Files.isRegularFile(metaFile(key))) {
      return Optional.empty(); // nothing to read (and a cache folder that does not exist is not made)
    }
    synchronized (lock(key)) {
      try (ProcessLock ignored = processLock(key)) {
        return read(key);
      } catch (IOException e) { // no lock file can be made (a read-only cache): read as before, unguarded
        return read(key);
      }
    }
  }

  /** The entry of a meta file {@link #get} found (gone meanwhile: absent, as a read that fails). */
  private Optional<Entry> read(Key key) {
    Path meta = metaFile(key);
    String text = null;
    try {
      text = Files.readString(meta, StandardCharsets.UTF_8);
      Properties p = new Properties();
      p.load(new StringReader(text));
      long size = Long.parseLong(p.getProperty("size"));
      Path body = bodyFile(key);
      if (!key.id().equals(p.getProperty("id")) || p.getProperty("url") == null
          || size >= 0 && (!Files.isRegularFile(body) || Files.size(body) != size)) {
        removeIfStill(key, text);
        return Optional.empty();
      }
      Map<String, String> notes = new TreeMap<>();
      for (String n : p.stringPropertyNames()) {
        if (n.startsWith("note.")) {
          notes.put(n.substring(5), p.getProperty(n));
        }
      }
      String maxAge = p.getProperty("max-age");
      return Optional.of(new Entry(key, p.getProperty("url"),
          Validators.of(p.getProperty("etag"), p.getProperty("last-modified")),
          Optional.ofNullable(p.getProperty("content-type")), Instant.ofEpochSecond(Long.parseLong(p.getProperty(
              "fetched"))), maxAge == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(maxAge))),
          notes, size >= 0 ? Optional.of(body) : Optional.empty()));
    } catch (IOException | RuntimeException e) {
      if (text != null) {
        removeIfStill(key, text);
      }
      return Optional.empty();
    }
  }

  /**
   * Discards a damaged entry, unless its meta file is no longer the one read: then a writer (another process)
   * is replacing the entry, and its new body must not be removed; the entry reads as absent either way.
   */
  private void removeIfStill(Key key, String metaText) {
    try {
      if (metaText.equals(Files.readString(metaFile(key), StandardCharsets.UTF_8))) {
        remove(key);
      }
    } catch (IOException e) {
      // gone or unreadable meanwhile: a writer is at work
    }
  }

  /** Stores a 200 answer: its body (through {@code body}, e.g. decompressed), validators and {@code max-age}. */
  public Entry store(Key key, Exchange answer, AtomicFiles.Content body, Map<String, String> notes, Instant now) throws IOException {
    return store(key, answer.request().shown(), answer.validators(), answer.header("Content-Type"),
        maxAge(answer.header("Cache-Control").orElse(null)), body, notes, now);
  }

  /** Stores a body with its validators. */
  public Entry store(Key key, String shownUrl, Validators validators, Optional<String> contentType,
      Optional<Duration> maxAge, AtomicFiles.Content body, Map<String, String> notes, Instant now) throws IOException {
    Files.createDirectories(dir);
    Path file = bodyFile(key);
    // a temporary file of this write only (another thread or process storing the same key has its own); a failed
    // transfer removes it and leaves the old entry
    try (AtomicFiles.Pending incoming = AtomicFiles.prepare(file, body, AtomicFiles.Policy.CACHE)) {
      Entry e = new Entry(key, shownUrl, validators, contentType, now, maxAge, notes, Optional.of(file));
      synchronized (lock(key)) {
        try (ProcessLock ignored = processLock(key)) {
          Files.deleteIfExists(metaFile(key));
          incoming.commit();
          writeMeta(e, incoming.size());
        }
      }
      return e;
    }
  }

  /** What writers of one key in this process hold while they replace its body and meta. */
  private Object lock(Key key) {
    return locks.computeIfAbsent(key.stem(), k -> new Object());
  }

  /** The key's lock between processes, taken inside {@link #lock(Key)}. */
  private ProcessLock processLock(Key key) throws IOException {
    return ProcessLock.acquire(dir.resolve(".locks").resolve(key.stem() + ".lock"), "the cached " + key.label());
  }

  /** Records notes without a body (e.g. "this URL answered 404 at T"); a previous body is removed. */
  public Entry note(Key key, String shownUrl, Map<String, String> notes, Instant now) throws IOException {
    Files.createDirectories(dir);
    Entry e = new Entry(key, shownUrl, Validators.NONE, Optional.empty(), now, Optional.empty(), notes,
        Optional.empty());
    synchronized (lock(key)) {
      try (ProcessLock ignored = processLock(key)) {
        Files.deleteIfExists(bodyFile(key));
        writeMeta(e, -1);
      }
    }
    return e;
  }

  /** A 304 (or a fresh check): the entry confirmed at {@code now}, with the answer's {@code max-age}. */
  public Entry revalidated(Entry entry, Exchange answer, Instant now) throws IOException {
    Validators v = answer.validators();
    Entry e = new Entry(entry.key(), entry.url(), v.isEmpty() ? entry.validators() : v, entry.contentType(), now,
        maxAge(answer.header("Cache-Control").orElse(null)), entry.notes(), entry.body());
    synchronized (lock(e.key())) {
      try (ProcessLock ignored = processLock(e.key())) {
        writeMeta(e, e.body().isPresent() ? Files.size(e.body().get()) : -1);
      }
    }
    return e;
  }

  /** The entry with other notes. */
  public Entry withNotes(Entry entry, Map<String, String> notes) throws IOException {
    Entry e = new Entry(entry.key(), entry.url(), entry.validators(), entry.contentType(), entry.fetched(),
        entry.maxAge(), notes, entry.body());
    synchronized (lock(e.key())) {
      try (ProcessLock ignored = processLock(e.key())) {
        writeMeta(e, e.body().isPresent() ? Files.size(e.body().get()) : -1);
      }
    }
    return e;
  }

  /** Removes an entry's files (a damaged entry, a failed write). */
  public void remove(Key key) {
    try {
      Files.deleteIfExists(metaFile(key));
      Files.deleteIfExists(bodyFile(key));
    } catch (IOException e) {
      // a cache that cannot be cleaned only costs a download
    }
  }

  private void writeMeta(Entry e, long size) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", e.key().id());
    m.put("url", e.url());
    e.validators().etag().ifPresent(v -> m.put("etag", v));
    e.validators().lastModified().ifPresent(v -> m.put("last-modified", v));
    e.contentType().ifPresent(v -> m.put("content-type", v));
    m.put("fetched", Long.toString(e.fetched().getEpochSecond()));
    e.maxAge().ifPresent(v -> m.put("max-age", Long.toString(v.getSeconds())));
    m.put("size", Long.toString(size));
    new TreeMap<>(e.notes()).forEach((k, v) -> m.put("note." + k, v));
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(escape(k)).append('=').append(escape(v)).append('\n'));
    AtomicFiles.write(metaFile(e.key()), sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Properties escaping for keys and values: backslash, separators, line breaks and control characters. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '=', ':', '#', '!', ' ' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static final Pattern NO_CACHE = Pattern.compile("(?i)\\bno-(cache|store)\\b");
  private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*(\\d{1,9})");

  /** The {@code max-age} of a {@code Cache-Control} header; empty for none, {@code no-cache} or {@code no-store}. */
  public static Optional<Duration> maxAge(String cacheControl) {
    if (cacheControl == null || NO_CACHE.matcher(cacheControl).find()) {
      return Optional.empty();
    }
    Matcher m = MAX_AGE.matcher(cacheControl);
    return m.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1)))) : Optional.empty();
  }

  /** A whole body from a stream (an answer's body). */
  public static AtomicFiles.Content copyOf(InputStream in) {
    return out -> {
      try (InputStream i = in) {
        i.transferTo(out);
      }
    };
  }

  /** A body from bytes. */
  public static AtomicFiles.Content bytes(byte[] bytes) {
    return out -> out.write(bytes);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
