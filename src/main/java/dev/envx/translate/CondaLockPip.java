package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.format.envyml.PipLine;
import dev.envx.model.pep508.Requirement;
import java.util.List;
import java.util.Optional;

/**
 * The PyPI side of {@code --style conda-lock}: conda-lock reads {@code [project.dependencies]} as conda packages
 * unless {@code [tool.conda-lock.dependencies]} marks one {@code { source = "pypi" }}, and takes extra PyPI
 * indexes as {@code pip-repositories}. A pip line it has no form for (an editable, a path, a VCS or archive URL
 * that is not a PEP 508 requirement, per-requirement options, a selector, {@code --index-url},
 * {@code --find-links}, {@code --trusted-host}, {@code --pre}, {@code -r}) is warned about, naming the package
 * and the part.
 */
final class CondaLockPip {
  private CondaLockPip() {}

  /** The package name to mark {@code source = "pypi"}, or null (with a warning when something is lost). */
  static String entry(PipLine l, List<Diagnostic> diags) {
    String text = l.text();
    if (l.selector() != null) {
      diags.add(Diagnostic.warning("conda-lock has no selectors and reads `[project.dependencies]` without "
          + "markers; the selector `" + l.selector().expression() + "` of pip line `" + text + "` is lost for conda-lock",
          l.span()));
      return null;
    }
    PipLines.Option o = PipLines.option(text);
    if (o != null) {
      if (!o.name().equals("--extra-index-url")) { // extra indexes are `pip-repositories`
        Diagnostic d = Diagnostic.warning("conda-lock has no `" + o.name() + "` option; `" + text
            + "` is not written", l.span());
        diags.add(o.name().equals("--index-url") ? d.withHint("conda-lock takes extra indexes as `pip-repositories`")
            : d);
      }
      return null;
    }
    Optional<PipSource> src = PipSource.of(text);
    if (src.isPresent()) {
      PipSource s = src.get();
      String what = s.editable() ? "editable " : "";
      what += switch (s.kind()) {
        case GIT -> "git";
        case PATH -> "path";
        case URL -> "URL";
      };
      Diagnostic d = Diagnostic.warning("conda-lock's pyproject tables have no " + what + " dependency; `" + text
          + "`" + (s.name() == null ? "" : " (`" + s.name() + "`)") + " is not written", l.span());
      diags.add(s.kind() == PipSource.Kind.PATH || s.editable() ? d
          : d.withHint("a PEP 508 direct reference (`NAME @ URL`) in `[project.dependencies]` is read by conda-lock"));
      return null;
    }
    String req = PipLines.requirementBeforeOptions(text);
    if (req != null) {
      diags.add(Diagnostic.warning("conda-lock has no field for `" + text.strip().substring(req.length()).strip()
          + "` of `" + req.strip() + "`; that part is not carried", l.span()));
      return Requirement.tryParse(req).map(r -> r.name().original()).orElse(null);
    }
    if (!PipLines.looksLikeRequirement(text)) {
      diags.add(Diagnostic.warning("pip line `" + text + "` has no conda-lock form and is not written", l.span()));
      return null;
    }
    return Requirement.tryParse(text).map(r -> r.name().original()).orElse(null);
  }
}
