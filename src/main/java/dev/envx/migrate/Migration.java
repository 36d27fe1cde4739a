package dev.envx.migrate;

import dev.envx.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What {@code envx migrate} makes of a repository: the pyproject.toml text and a report.
 *
 * @param pyproject the new or updated pyproject.toml
 * @param existing whether a pyproject.toml was there and is updated in place
 * @param sources the files read, relative to the repository root
 * @param carried what went where, one line each ({@code requirements.txt: 12 requirements → [project] dependencies})
 * @param mapped names translated between conda and PyPI, and other exact translations worth telling
 * @param left what was not carried, each with why
 * @param readBack what reading the result back found missing (empty: every dependency is kept)
 */
public record Migration(String pyproject, boolean existing, List<String> sources, List<String> carried,
    List<Diagnostic> mapped, List<Diagnostic> left, List<String> readBack) {
  public Migration {
    Objects.requireNonNull(pyproject, "pyproject");
    sources = List.copyOf(sources);
    carried = List.copyOf(carried);
    mapped = List.copyOf(mapped);
    left = List.copyOf(left);
    readBack = List.copyOf(readBack);
  }

  public boolean keepsEverything() {
    return readBack.isEmpty();
  }
}
