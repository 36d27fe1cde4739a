package dev.envx.mapping;

import dev.envx.http.Exchange;
import dev.envx.http.Http;
import dev.envx.http.HttpRequest;
import dev.envx.http.Validators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches upstream tables into the {@link MappingCache} through the run's {@link Http} client (proxies, CA
 * bundle, retries): conditional GETs with the cached table's {@link Validators}, a body is only stored after it
 * parsed as a whole table, and any failure (server error, truncated body, unreadable table, no network) keeps
 * the previously cached table.
 */
public final class MappingUpdater {
  /** What happened to one source. */
  public enum Status { UPDATED, NOT_MODIFIED, KEPT_PREVIOUS, FAILED, SKIPPED_OFFLINE }

  /** The outcome for one source: status, a lowercase message, rows in the table now in use, its date. */
  public record Result(UpstreamSource source, Status status, String message, int rows, Optional<Instant> date) {
    public boolean ok() {
      return status == Status.UPDATED || status == Status.NOT_MODIFIED;
    }
  }

  private final Http client;
  private final MappingCache cache;
  private final Clock clock;

  public MappingUpdater(Http client, MappingCache cache, Clock clock) {
    this.client = client;
    this.cache = cache;
    this.clock = clock;
  }

  /** Updates every source; offline, only file sources are read. Writes the cache index at the end. */
  public List<Result> update(List<UpstreamSource> sources, boolean offline) throws IOException {
    List<Result> results = new ArrayList<>();
    List<String> active = new ArrayList<>();
    for (UpstreamSource s : sources) {
      Result r = offline && s.isHttp() ? skipped(s) : fetch(s);
      results.add(r);
      if (cache.meta(s.id()).flatMap(cache::body).isPresent()) {
        active.add(s.id());
      }
    }
    if (!active.isEmpty()) {
      cache.writeIndex(active);
    }
    return results;
  }

  private Result skipped(UpstreamSource s) {
    Optional<MappingCache.Meta> m = cache.meta(s.id());
    return new Result(s, Status.SKIPPED_OFFLINE,
        m.isPresent() ? "offline: kept the cached table" : "offline: not fetched, the embedded default is used",
        m.map(MappingCache.Meta::rows).orElse(0), m.map(MappingCache.Meta::fetched));
  }

  private Result fetch(UpstreamSource s) {
    Optional<MappingCache.Meta> old = cache.meta(s.id()).filter(m -> cache.body(m).isPresent());
    Instant now = clock.instant();
    try {
      if (!s.isHttp()) {
        long size = Files.size(Path.of(s.uri()));
        if (size > MAX_TABLE_BYTES) {
          return tooLarge(s, old, size);
        }
        byte[] body = Files.readAllBytes(Path.of(s.uri()));
        return store(s, body, null, null, now, old);
      }
      HttpRequest req = HttpRequest.get(s.uri()).header("Accept", "application/json, */*");
      if (old.isPresent() && old.get().url().equals(s.uri().toString())) {
        req = req.conditional(Validators.of(old.get().etag(), old.get().lastModified()));
      }
      try (Exchange resp = client.send(req)) {
        if (resp.status() == 304 && old.isPresent()) {
          cache.touch(old.get(), now);
          return new Result(s, Status.NOT_MODIFIED, "not modified since " + old.get().fetched(), old.get().rows(),
              Optional.of(old.get().fetched()));
        }
        if (resp.status() / 100 != 2) {
          return failed(s, old, "server answered " + resp.status() + " for `" + req.shown() + "`");
        }
        byte[] body = resp.bytes(); // throws when the body is cut short
        Validators v = resp.validators();
        return store(s, body, v.etag().orElse(null), v.lastModified().orElse(null), now, old);
      }
    } catch (IOException e) {
      String msg = e instanceof dev.envx.http.HttpFailure f ? f.reason() : dev.envx.diag.IoErrors.reason(e);
      return failed(s, old, "could not fetch `" + dev.envx.diag.Redaction.redact(s.uri().toString()) + "`: "
          + dev.envx.diag.Redaction.redact(msg));
    }
  }

  /** The largest mapping table accepted (parselmouth's conda-forge table is ~1 MB). */
  public static final int MAX_TABLE_BYTES = 16 << 20;

  private Result store(UpstreamSource s, byte[] body, String etag, String lastModified, Instant now,
      Optional<MappingCache.Meta> old) {
    if (body.length > MAX_TABLE_BYTES) { // the real tables are ~1 MB; a huge one slowed every later command
      return tooLarge(s, old, body.length);
    }
    UpstreamFormat.Parsed parsed;
    try {
      parsed = UpstreamFormat.parse(body, Provenance.of(Layer.UPSTREAM, s.label(), s.uri().toString()));
    } catch (IOException | RuntimeException e) {
      return failed(s, old, "`" + s.uri() + "` is not a usable mapping table: " + e.getMessage());
    }
    if (parsed.rows() == 0) {
      return failed(s, old, "`" + s.uri() + "` is an empty table; not replacing the mapping with it");
    }
    try {
      MappingCache.Meta m = cache.store(new MappingCache.Meta(s.id(), s.uri().toString(), s.label(), etag,
          lastModified, now, now, "", "", parsed.format().name().toLowerCase(java.util.Locale.ROOT), parsed.rows()), body);
      cache.writeDigest(m, parsed.layer());
      return new Result(s, Status.UPDATED, "updated (" + parsed.rows() + " rows, "
          + m.format().replace('_', '-') + ")", parsed.rows(), Optional.of(now));
    } catch (IOException e) {
      return failed(s, old, "could not write the cache in `" + cache.dir() + "`: " + e.getMessage());
    }
  }

  private static Result tooLarge(UpstreamSource s, Optional<MappingCache.Meta> old, long size) {
    return failed(s, old, String.format("`%s` is %,d bytes, above the %,d-byte limit for a mapping table",
        s.uri(), size, MAX_TABLE_BYTES));
  }

  private static Result failed(UpstreamSource s, Optional<MappingCache.Meta> old, String message) {
    if (old.isPresent()) {
      return new Result(s, Status.KEPT_PREVIOUS, message + "; kept the table fetched " + old.get().fetched(),
          old.get().rows(), Optional.of(old.get().fetched()));
    }
    return new Result(s, Status.FAILED, message, 0, Optional.empty());
  }
}
