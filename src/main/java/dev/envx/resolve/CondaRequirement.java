package dev.envx.resolve;

import dev.envx.diag.ParseError;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.VersionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conda requirement: a {@link MatchSpec} with an exact package name, and the text the user wrote (null when envx
 * built the spec, e.g. the "held at its version" specs of a re-solve; then {@link #display()} is conda's canonical
 * form).
 *
 * @param spec the parsed spec; {@link MatchSpec#exactName()} is not null
 * @param written the user's spelling, or null
 */
public record CondaRequirement(MatchSpec spec, String written) implements Requirement {
  public CondaRequirement {
    Objects.requireNonNull(spec, "spec");
    if (spec.exactName() == null) {
      String text = written != null ? written : spec.toString();
      throw new ParseError("a request needs an exact package name", text, 0, Math.max(1, text.length()),
          "name the package, e.g. `numpy >=2`");
    }
  }

  // equals and hashCode written out: a record's generated ones are linked through invokedynamic at first use,
  // which costs a cold start (several ms) more than the comparison itself
  @Override
  public boolean equals(Object o) {
    return o instanceof CondaRequirement r && spec.equals(r.spec) && Objects.equals(written, r.written);
  }

  @Override
  public int hashCode() {
    return 31 * spec.hashCode() + Objects.hashCode(written);
  }

  /**
   * Parses a spec the user wrote (the one parse of a CLI argument or a file entry).
   *
   * @throws ParseError when it does not parse or names no exact package
   */
  public static CondaRequirement parse(String text) {
    return new CondaRequirement(MatchSpec.parse(text), text);
  }

  /** Parses each of {@code texts} (tests and tools; the CLI parses each argument itself, with its label). */
  public static List<Requirement> parseAll(List<String> texts) {
    List<Requirement> out = new ArrayList<>();
    for (String t : texts) {
      out.add(parse(t));
    }
    return List.copyOf(out);
  }

  /** {@code name} restricted to {@code version} (typed; no text is assembled or parsed). */
  public static CondaRequirement of(String name, VersionSpec version) {
    MatchSpec m = new MatchSpec(null, null, null, MatchSpec.ofName(name).name(), version, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
    return new CondaRequirement(m, null);
  }

  /** The package name. */
  public String name() {
    return spec.exactName();
  }

  @Override
  public String display() {
    return written != null ? written : spec.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
