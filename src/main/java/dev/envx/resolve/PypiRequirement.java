package dev.envx.resolve;

import java.util.Objects;

/**
 * A PyPI requirement (PEP 508). Modelled so that a {@link Request} can carry one; the PyPI source that solves it
 * comes with the PyPI index (until then {@link Resolver} rejects a request holding one).
 */
public record PypiRequirement(dev.envx.model.pep508.Requirement requirement) implements Requirement {
  public PypiRequirement {
    Objects.requireNonNull(requirement, "requirement");
  }

  @Override
  public String display() {
    return requirement.toString();
  }
}
