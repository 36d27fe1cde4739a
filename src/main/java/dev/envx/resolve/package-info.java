/**
 * The neutral resolve core over the ecosystem-free solver ({@link dev.envx.solve}): typed requests, one interner
 * per id space, candidate-ordering hooks, explanations with typed hints; per-ecosystem sources in subpackages
 * ({@code resolve.conda}; {@code resolve.pypi}, whose {@code CrossProvider} puts conda records and PyPI
 * distributions into one problem: {@code Resolver.resolve(index, pypiSource, platform, request)}). A solve yields
 * {@link dev.envx.format.lock.LockedPackage}s, the type lock writers, {@code check} and {@code install} share.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RepodataIndex index = new RepodataClient(settings).loadIndex(channels, Platform.LINUX_64);
 * Request request = new Request(
 *     List.of(CondaRequirement.parse("numpy >=2"), CondaRequirement.parse("python=3.12")),  // parsed once
 *     List.of(), ChannelPriority.STRICT, VirtualPackages.forPlatform(Platform.LINUX_64, vpSettings, env), Set.of());
 * Resolution r = Resolver.resolve(index, Platform.LINUX_64, request);
 * if (r instanceof Resolution.Solved s) {
 *   for (LockedPackage p : s.packages()) { ... }       // sorted by name; url, hashes, depends ... for a lock
 * } else if (r instanceof Resolution.Unsolvable u) {
 *   System.err.print(u.explanation());                 // a tree in conda terms (names, versions, specs as written)
 *   u.hints().forEach(h -> System.err.println("hint: " + h.message()));   // the CLI adds its flags
 * }
 * }</pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.envx.resolve.Request}: {@link dev.envx.resolve.Requirement}s, sealed:
 *       {@link dev.envx.resolve.CondaRequirement} (a {@code MatchSpec} with the user's spelling) |
 *       {@link dev.envx.resolve.PypiRequirement} (PEP 508, solved with a {@code PypiSource}); where each came from
 *       ({@code origins}, for explanations); pins, channel
 *       priority, virtual packages, locked and avoided dists.</li>
 *   <li>{@link dev.envx.resolve.Interner}: dense int ids for typed keys; {@link dev.envx.resolve.CandidateOrder}:
 *       a primary order plus a tie-break per tied run, the hook a source ranks its candidates with.</li>
 *   <li>{@link dev.envx.resolve.Resolver}: the entry; {@link dev.envx.resolve.Resolution}: {@code Solved}
 *       (locked packages) or {@code Unsolvable} (explanation + {@link dev.envx.resolve.Hint}s: which requests to
 *       relax, missing packages, virtual packages to set, strict priority hiding a match).</li>
 *   <li>{@code resolve.conda}: {@code CondaProvider} (ids, loading, matching, display), {@code CondaOrder}
 *       (conda's candidate order), {@code Channels} (priority and channel match), {@code CondaExplainer} (hints),
 *       {@code CondaResolver} (raise the requested packages; fewest track features for the whole solution).</li>
 *   <li>{@code resolve.pypi}: {@code PypiSource} (index client, mapping, {@code Prefer}), {@code CrossProvider} (both
 *       ecosystems as one {@code Provider}), {@code CrossExplainer} (conflicts tagged (conda)/(PyPI), hints),
 *       {@code CrossResolver} (one solve).</li>
 * </ul>
 */
package dev.envx.resolve;
