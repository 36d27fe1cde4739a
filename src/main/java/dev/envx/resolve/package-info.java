/**
 * Resolving conda requests: adapts repodata ({@link dev.envx.index}) and MatchSpecs ({@link dev.envx.model.conda})
 * to the ecosystem-free solver ({@link dev.envx.solve}) and returns lockable packages.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RepodataIndex index = new RepodataClient(settings).loadIndex(channels, Platform.LINUX_64);
 * CondaRequest request = new CondaRequest(List.of("numpy >=2", "python=3.12"), List.of(),   // specs, pins
 *     ChannelPriority.STRICT, VirtualPackages.forPlatform(Platform.LINUX_64, vpSettings, env), Set.of());
 * Resolution r = CondaResolver.resolve(index, Platform.LINUX_64, request);
 * if (r instanceof Resolution.Solved s) {
 *   for (ResolvedPackage p : s.packages()) { ... }     // sorted by name; url, md5, sha256, depends ... for a lock
 * } else if (r instanceof Resolution.Unsolvable u) {
 *   System.err.print(u.explanation());                 // a tree in conda terms (names, versions, spec strings)
 *   u.hints().forEach(h -> System.err.println("hint: " + h));
 * }
 * }</pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.envx.resolve.CondaProvider}: the {@link dev.envx.solve.Provider}. Ids are allocated as the solver
 *       reaches names; each distinct MatchSpec string is parsed once; versions are parsed once per record when its
 *       name is reached. Candidate order: channel (strict: only the first channel that has the name; flexible:
 *       channel rank first; disabled: ignored), fewer track_features, higher version, higher build number, then
 *       (among builds of one version) the highest reachable versions of shared dependencies, newer timestamp. {@code constrains} become solver constraints; channel ({@code conda-forge::numpy}), subdir,
 *       build and build_number keys filter through {@code MatchSpec.matches}. Virtual packages of the request are
 *       the only candidates of {@code __*} names. Locked dists are {@code favored}.</li>
 *   <li>{@link dev.envx.resolve.CondaResolver}: one solve, then (like conda's "maximise the versions of requested
 *       packages" objective) raises requested packages in request order when a higher feasible version exists
 *       that is no worse in channel and track features; free when the first solution already has the top
 *       candidates.</li>
 *   <li>{@link dev.envx.resolve.ResolvedPackage}: the record a lockfile stores (token-free channel and URL).</li>
 *   <li>{@link dev.envx.resolve.Resolution}: {@code Solved} or {@code Unsolvable} (explanation + hints: which
 *       requests to relax, missing packages, virtual packages to set, strict priority hiding a match).</li>
 * </ul>
 */
package dev.envx.resolve;
