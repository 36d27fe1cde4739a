package dev.envx.format.pyproject;

import dev.envx.format.Located;
import java.util.List;

/**
 * {@code [tool.envx.pip]}: what an environment file's {@code pip:} section carries beyond PEP 508 lines.
 *
 * @param indexUrl {@code --index-url}, or null
 * @param extraIndexUrls {@code --extra-index-url}, in order
 * @param findLinks {@code --find-links}, in order
 * @param trustedHosts {@code --trusted-host}, in order
 * @param pre {@code --pre}
 * @param packages names of {@code [project.dependencies]} entries that are installed by pip, not conda
 * @param requirements pip lines kept verbatim (editables, {@code -r}/{@code -c}, URLs, paths, hashes, other
 *     options): lines that are not plain PEP 508 requirements
 * @param repositories conda-lock's {@code pip-repositories}
 */
public record PipOptions(
    Located<String> indexUrl,
    List<Located<String>> extraIndexUrls,
    List<Located<String>> findLinks,
    List<Located<String>> trustedHosts,
    boolean pre,
    List<Located<String>> packages,
    List<SpecEntry> requirements,
    List<Located<String>> repositories) {
  public PipOptions {
    extraIndexUrls = List.copyOf(extraIndexUrls);
    findLinks = List.copyOf(findLinks);
    trustedHosts = List.copyOf(trustedHosts);
    packages = List.copyOf(packages);
    requirements = List.copyOf(requirements);
    repositories = List.copyOf(repositories);
  }

  public static final PipOptions EMPTY =
      new PipOptions(null, List.of(), List.of(), List.of(), false, List.of(), List.of(), List.of());

  public boolean isEmpty() {
    return indexUrl == null && extraIndexUrls.isEmpty() && findLinks.isEmpty() && trustedHosts.isEmpty() && !pre
        && packages.isEmpty() && requirements.isEmpty() && repositories.isEmpty();
  }
}
