package dev.envx.format.envyml;

/** One entry of an environment file's {@code dependencies:} list. */
public sealed interface Dependency permits CondaDependency, PipSection {}
