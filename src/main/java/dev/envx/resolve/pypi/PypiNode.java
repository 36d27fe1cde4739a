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

  /** A root requirement whose marker depends on the Python the solve picks: one candidate per Python minor. */
  record Conditional(Requirement requirement, String origin) implements PypiNode {
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
