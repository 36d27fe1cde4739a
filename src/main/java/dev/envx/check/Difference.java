package dev.envx.check;

import java.util.Objects;

/**
 * One entry on which a mirror and its source disagree.
 *
 * @param section where the entry sits ({@code dependencies}, {@code pip}, {@code channels},
 *     {@code [project] dependencies}, {@code [tool.envx] conda-dependencies}, ...)
 * @param entry the entry as written ({@code numpy>=2}, {@code MY_VAR=1})
 * @param missing true: the source wants it and the mirror lacks it ({@code +}); false: only the mirror has it
 *     ({@code -})
 */
public record Difference(String section, String entry, boolean missing) {
  public Difference {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(entry, "entry");
  }

  /** {@code + numpy>=2} / {@code - numpy=1.26}. */
  public String line() {
    return (missing ? "+ " : "- ") + entry;
  }
}
