package dev.envx.resolve;

import java.util.List;

/**
 * What the user can change about an unsolvable request, as data: the CLI turns each hint into words and the
 * flags or variables of its own surface ({@code resolve} names none).
 */
public sealed interface Hint {

  /** The hint in words that name no flag of any command (a front end adds its own, see the CLI). */
  String message();

  /** Relax or remove one of these root requests (as written). */
  record RelaxRequests(List<String> requests) implements Hint {
    public RelaxRequests {
      requests = List.copyOf(requests);
      if (requests.isEmpty()) {
        throw new IllegalArgumentException("no request to relax");
      }
    }

    @Override
    public String message() {
      return requests.size() == 1
          ? "the request `" + requests.get(0) + "` cannot be met as asked; relax or remove it"
          : "relax or remove one of the requests `" + String.join("`, `", requests) + "`";
    }
  }

  /** A spec in a record's metadata does not parse. */
  record UnparsableSpec(String spec, String error) implements Hint {
    @Override
    public String message() {
      return "`" + spec + "` does not parse (" + error + ")";
    }
  }

  /** A virtual package of the target system is missing or too old; {@code current} is null when absent. */
  record VirtualPackage(String name, String current) implements Hint {
    @Override
    public String message() {
      return "`" + name + "` is a virtual package of the target system"
          + (current == null ? ", and the target has none" : " (here " + current + ")");
    }
  }

  /** No channel has a package of this name for the platform (or noarch). */
  record NoSuchPackage(String name) implements Hint {
    @Override
    public String message() {
      return "no channel has a package named `" + name + "` for this platform (or `noarch`)";
    }
  }

  /** Strict channel priority hides a matching record ({@code record}) behind a channel listed earlier. */
  record HiddenByChannelPriority(String spec, String record) implements Hint {
    @Override
    public String message() {
      return "`" + spec + "` matches `" + record + "`, which strict channel priority hides behind a channel "
          + "listed earlier; try flexible channel priority";
    }
  }

  /** No record of {@code name} matches {@code spec}. */
  record NoMatchingRecord(String name, String spec) implements Hint {
    @Override
    public String message() {
      return "no record of `" + name + "` matches `" + spec + "`";
    }
  }

  /**
   * Names that exist and are close to one that does not ({@code nunpy}: {@code numpy}), nearest first.
   *
   * @param name the name nothing has
   * @param similar known names (conda packages on the channels, or projects the PyPI indexes list)
   */
  record DidYouMean(String name, List<String> similar) implements Hint {
    public DidYouMean {
      similar = List.copyOf(similar);
      if (similar.isEmpty()) {
        throw new IllegalArgumentException("nothing to suggest");
      }
    }

    @Override
    public String message() {
      return dev.envx.diag.DidYouMean.words(similar);
    }
  }

  /** No PyPI index or find-links directory has the project (and no conda package provides it). */
  record NoSuchProject(String name, String where) implements Hint {
    @Override
    public String message() {
      return "no PyPI project `" + name + "` on " + where + ", and no conda package provides it";
    }
  }

  /**
   * The project is on the index but none of its files fits the target: no wheel with a compatible tag (and
   * {@code Requires-Python}) for any Python the solve can pick, and no sdist.
   */
  record NoFittingDistribution(String name, String platform, String detail) implements Hint {
    @Override
    public String message() {
      return "no distribution of `" + name + "` fits " + platform + " (" + detail + ")";
    }
  }

  /** Only an sdist whose metadata is not static fits: envx would have to build it. */
  record NeedsBuild(String what) implements Hint {
    @Override
    public String message() {
      return what + "; pin a release that has a wheel for the target, or use the conda package";
    }
  }
}
