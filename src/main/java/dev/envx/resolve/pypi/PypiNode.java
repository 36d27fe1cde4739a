package dev.envx.resolve.pypi;

import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;

/** A solver name on the PyPI side: a project, a project with one extra (as uv does), or a helper name. */
sealed interface PypiNode {

  /** For messages. */
  String display();

  /** A project's distributions. */
  record Project(PyPiName name) implements PypiNode {
    @Override
    public String display() {
      return name.normalized();
    }
  }

  /** {@code name[extra]}: one candidate per release (and Python), each pulling in the release and the extra's needs. */
  record Extra(PyPiName name, String extra) implements PypiNode {
    @Override
    public String display() {
      return name.normalized() + "[" + extra + "]";
    }
  }

  /**
   * A requirement whose marker depends on which Python the solve picks (a root's, or a {@code Requires-Dist}
   * whose {@code python_full_version} differs between micro releases of a minor): one candidate per conda
   * {@code python} version, each requiring exactly that version and, where the marker holds, the requirement.
   *
   * @param extra the extra the marker is evaluated for ({@code ""} for none)
   * @param minor the Python minor whose micro releases are the candidates, or -1 for every version (a root's)
   */
  record Conditional(Requirement requirement, String origin, String extra, int minor) implements PypiNode {
    @Override
    public String display() {
      return "`" + requirement + "`";
    }
  }

  /** What can never be installed (an sdist with dynamic metadata, a direct reference): no candidates. */
  record Impossible(String what) implements PypiNode {
    @Override
    public String display() {
      return what;
    }
  }
}
