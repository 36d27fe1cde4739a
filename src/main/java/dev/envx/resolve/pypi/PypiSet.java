package dev.envx.resolve.pypi;

import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;

/** A version set of the PyPI side (also the PyPI view of conda's {@code python}). */
sealed interface PypiSet {

  /** Where it came from, for messages (a manifest line, {@code --pypi}, a wheel's metadata), or null. */
  String origin();

  /**
   * {@code name spec}: met by a PyPI distribution of the project or by a conda record providing it.
   *
   * @param pin whether the specifier pins one version ({@code ==} without a wildcard, {@code ===}): then
   *     yanked files may be chosen (PEP 592)
   */
  record Dist(PyPiName name, SpecifierSet spec, boolean pin, String text, String origin) implements PypiSet {}

  /** {@code name[extra] spec}. */
  record Extra(PyPiName name, String extra, SpecifierSet spec, String text, String origin) implements PypiSet {}

  /** conda's {@code python} at one minor (a wheel or marker decided for that minor). */
  record PythonMinor(int minor) implements PypiSet {
    @Override
    public String origin() {
      return null;
    }
  }

  /** conda's {@code python} at exactly one version (a conditional requirement's candidate). */
  record PythonExact(dev.envx.model.pep440.Pep440Version version) implements PypiSet {
    @Override
    public String origin() {
      return null;
    }
  }

  /** conda's {@code python} within a {@code Requires-Python}. */
  record PythonSpec(SpecifierSet spec, String origin) implements PypiSet {}

  /** A root requirement with a marker: its {@link PypiNode.Conditional} name. */
  record Conditional(PypiNode.Conditional node) implements PypiSet {
    @Override
    public String origin() {
      return node.origin();
    }
  }

  /** Met by no conda record: the constraint a PyPI distribution puts on the conda packages carrying its name. */
  record NotFromConda(PyPiName name) implements PypiSet {
    @Override
    public String origin() {
      return null;
    }
  }

  /** Never met. */
  record Impossible(String what, String origin) implements PypiSet {}
}
