package dev.envx.index.pypi;

import dev.envx.model.pep440.Operator;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.Specifier;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The files of one project, as an index (or several, or a find-links directory) lists them.
 *
 * @param source where the page came from (a redacted URL or a directory), for messages
 * @param apiVersion the PEP 629 / 691 api version, {@code "1.0"} when the page does not say
 */
public record ProjectPage(PyPiName name, String source, String apiVersion, List<DistributionFile> files) {
  public ProjectPage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(apiVersion, "apiVersion");
    files = List.copyOf(files);
  }

  /** The versions that have at least one wheel or sdist, ascending. */
  public List<Pep440Version> versions() {
    TreeSet<Pep440Version> out = new TreeSet<>();
    files.forEach(f -> f.version().ifPresent(out::add));
    return List.copyOf(out);
  }

  /** The wheel and sdist files of one version. */
  public List<DistributionFile> files(Pep440Version version) {
    return files.stream().filter(f -> f.version().map(version::equals).orElse(false)).toList();
  }

  /**
   * The files a resolver may pick for {@code requested} (PEP 592): yanked files only when the requirement
   * pins the version with {@code ==} (without a wildcard) or {@code ===}.
   */
  public List<DistributionFile> selectable(SpecifierSet requested) {
    boolean pinned = requested.specifiers().stream().anyMatch(ProjectPage::isPin);
    return files.stream().filter(f -> f.parsed() != null && (!f.isYanked() || pinned
        && f.version().map(v -> requested.contains(v, true)).orElse(false))).toList();
  }

  private static boolean isPin(Specifier s) {
    return s.operator() == Operator.ARBITRARY || s.operator() == Operator.EQUAL && !s.version().endsWith(".*");
  }
}
