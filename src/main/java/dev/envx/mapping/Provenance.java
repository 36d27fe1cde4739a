package dev.envx.mapping;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an answer came from: the layer, the source's name (e.g. {@code parselmouth}, {@code default.toml}),
 * its location (a URL or a file) and, for fetched tables, when it was fetched.
 */
public record Provenance(Layer layer, String source, String location, Optional<Instant> date) {
  public Provenance {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(date, "date");
  }

  public static Provenance of(Layer layer, String source, String location) {
    return new Provenance(layer, source, location, Optional.empty());
  }

  public static Provenance rule() {
    return of(Layer.RULE, "pep503", "conda-forge naming convention");
  }

  /** One line for humans, e.g. {@code upstream parselmouth (https://…, fetched 2026-11-25 18:40 UTC)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(layer.label()).append(' ').append(source);
    s.append(" (").append(location);
    // a formatter per call, not a static one: java.time's formatting set-up costs start-up time in every command
    // that loads a mapping, and only messages need it
    date.ifPresent(d -> s.append(", fetched ").append(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(d)));
    return s.append(')').toString();
  }
}
