package dev.envx.install;

import dev.envx.format.lock.LockedPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an install will do to one prefix, computed before anything is touched ({@link Planner}) and applied by
 * {@link Installer}. {@code --dry-run} prints {@link #render()}.
 *
 * @param prefix the environment
 * @param steps downloads first, then unlinks, links and keeps
 * @param python the Python that noarch: python packages and wheels go to, or null when none is needed
 */
public record InstallPlan(Path prefix, List<Step> steps, PythonTarget python) {
  public InstallPlan {
    Objects.requireNonNull(prefix, "prefix");
    steps = List.copyOf(steps);
  }

  /** One step. */
  public sealed interface Step permits Download, Link, Unlink, Keep {
    String describe();

    /** The package the step is about: {@code name-version-build} (conda) or {@code name==version} (PyPI). */
    String label();
  }

  /** Fetch (or, for a {@code file:} URL, read in place), verify and extract into the package cache. */
  public record Download(LockedPackage pkg) implements Step {
    @Override
    public String describe() {
      return "download " + label() + "  " + pkg.location().orElse("(no URL)");
    }

    @Override
    public String label() {
      return InstallPlan.label(pkg);
    }
  }

  /** Link a conda package or install a wheel. */
  public record Link(LockedPackage pkg) implements Step {
    @Override
    public String describe() {
      return "link     " + label();
    }

    @Override
    public String label() {
      return InstallPlan.label(pkg);
    }
  }

  /** Remove an installed package and its files. */
  public record Unlink(Installed pkg) implements Step {
    @Override
    public String describe() {
      return "unlink   " + label();
    }

    @Override
    public String label() {
      return pkg.label();
    }
  }

  /** Leave an installed package as it is. */
  public record Keep(Installed pkg) implements Step {
    @Override
    public String describe() {
      return "keep     " + label();
    }

    @Override
    public String label() {
      return pkg.label();
    }
  }

  static String label(LockedPackage p) {
    return p instanceof LockedPackage.Conda c ? c.dist() : p.displayName() + "==" + p.versionText();
  }

  /** True when applying would change nothing. */
  public boolean isNoop() {
    return steps.stream().allMatch(s -> s instanceof Keep);
  }

  public <T extends Step> List<T> steps(Class<T> kind) {
    return steps.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The plan as text, one step a line, then a summary line. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Step s : steps) {
      if (!(s instanceof Keep)) {
        sb.append(s.describe()).append('\n');
      }
    }
    sb.append(summary()).append('\n');
    return sb.toString();
  }

  public String summary() {
    return String.format("%s: %d to download, %d to link, %d to unlink, %d unchanged", prefix,
        steps(Download.class).size(), steps(Link.class).size(), steps(Unlink.class).size(),
        steps(Keep.class).size());
  }
}
