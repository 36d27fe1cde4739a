package dev.envx.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.format.lock.InputHash;
import dev.envx.format.lock.LockEntry;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.Requirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a lock is made from, read from the manifests: where packages come from, the target platforms, and for
 * each platform the requirements of each category ({@code main} first), each parsed once.
 *
 * @param sources the manifests as the lock names them
 * @param channels conda channels, highest priority first
 * @param platforms the target platforms, in order
 * @param indexUrls PyPI index URLs (primary first), without credentials
 * @param findLinks directories of wheels and sdists, as the manifest names them (relative to it)
 * @param categories per platform: category → its requirements (selectors and markers already decided)
 * @param hashLines the dependency content that goes into the input hash (one line per entry and platform)
 * @param mappingVersion what the PyPI ⇄ conda name mapping contributed ({@code none} when unused)
 * @param warnings what reading and translating the manifests reported
 * @param manifestHash the manifest's own {@link InputHash} ({@code translate.LockInputs}, what {@code envx check}
 *     recomputes) when the lock is made from one manifest with default options, recorded instead of the hash of
 *     these inputs so that {@code envx check} and {@code envx lock --check} agree; else null
 */
public record LockInput(List<String> sources, List<Channel> channels, List<Platform> platforms,
    List<String> indexUrls, List<String> findLinks, Map<Platform, Map<String, List<Requirement>>> categories,
    List<String> hashLines,
    String mappingVersion, List<Diagnostic> warnings, String manifestHash) {

  public LockInput {
    sources = List.copyOf(sources);
    channels = List.copyOf(channels);
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty()) {
      throw new IllegalArgumentException("a lock needs at least one platform");
    }
    indexUrls = List.copyOf(indexUrls);
    findLinks = List.copyOf(findLinks);
    Map<Platform, Map<String, List<Requirement>>> c = new LinkedHashMap<>();
    for (Platform p : platforms) {
      Map<String, List<Requirement>> byCategory = categories.get(p);
      Objects.requireNonNull(byCategory, () -> "no requirements for " + p);
      Map<String, List<Requirement>> copy = new LinkedHashMap<>();
      List<Requirement> main = byCategory.get(LockEntry.MAIN);
      copy.put(LockEntry.MAIN, List.copyOf(main == null ? List.of() : main));
      byCategory.entrySet().stream().filter(e -> !e.getKey().equals(LockEntry.MAIN))
          .sorted(Map.Entry.comparingByKey()).forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
      c.put(p, Collections.unmodifiableMap(copy));
    }
    categories = Collections.unmodifiableMap(c);
    hashLines = List.copyOf(hashLines);
    Objects.requireNonNull(mappingVersion, "mappingVersion");
    warnings = List.copyOf(warnings);
  }

  /** Every requirement of a platform, {@code main} first, each category in name order. */
  public List<Requirement> allRequirements(Platform p) {
    List<Requirement> all = new ArrayList<>();
    categories.get(p).values().forEach(all::addAll);
    return all;
  }

  /** The same input for other platforms (each must already be in the input). */
  public LockInput onlyPlatforms(List<Platform> keep) {
    return new LockInput(sources, channels, keep, indexUrls, findLinks, categories, hashLines, mappingVersion,
        warnings, null);
  }

  /** The same input with more lines in its hash (solver options that change the result, e.g. channel priority). */
  public LockInput withHashLines(List<String> more) {
    List<String> lines = new ArrayList<>(hashLines);
    lines.addAll(more);
    return new LockInput(sources, channels, platforms, indexUrls, findLinks, categories, lines, mappingVersion,
        warnings, null);
  }

  /**
   * The same input with other PyPI sources (the command line's {@code --index-url} and friends); they go into the
   * hash as the manifest's would.
   */
  public LockInput withPypiSources(List<String> urls, List<String> links) {
    return new LockInput(sources, channels, platforms, urls, links, categories, hashLines, mappingVersion, warnings, null);
  }

  /** The same input recording {@code hash} (the manifest's own, see {@link #manifestHash()}). */
  public LockInput withManifestHash(String hash) {
    return new LockInput(sources, channels, platforms, indexUrls, findLinks, categories, hashLines, mappingVersion,
        warnings, hash);
  }

  /** Whether any platform asks for a PyPI package. */
  public boolean hasPypi() {
    return categories.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
        .anyMatch(r -> r instanceof dev.envx.resolve.PypiRequirement);
  }

  /** These inputs with the solver's channel priority among them (an option that changes the result). */
  public LockInput withChannelPriority(dev.envx.model.conda.ChannelPriority priority) {
    return withHashLines(List.of("option channel-priority " + priority));
  }

  /** The channels as a lock records them: names, or URLs with {@code ${VAR}} references for credentials. */
  public List<String> lockChannels() {
    return channels.stream().map(LockInput::lockChannel).toList();
  }

  /**
   * The PyPI index URLs as a lockfile may hold them: a user and password as {@code ${ENVX_USER}:${ENVX_PASSWORD}@},
   * a user (or token) alone as {@code ${ENVX_USER}@}; the secrets themselves never (the solver gets them as given).
   */
  public List<String> lockIndexUrls() {
    return indexUrls.stream().map(u -> u.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@:]*:[^/@]*@",
        "$1\\${ENVX_USER}:\\${ENVX_PASSWORD}@").replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@$]+@",
        "$1\\${ENVX_USER}@")).toList();
  }

  /** The hash of these inputs, as {@code envx lock --check} compares it. */
  public String inputHash() {
    if (manifestHash != null) {
      return manifestHash;
    }
    List<String> lines = new ArrayList<>(hashLines);
    findLinks.forEach(l -> lines.add("find-links " + l));
    return new InputHash(lines, platforms.stream().map(Platform::subdir).toList(), lockChannels(),
        lockIndexUrls(), mappingVersion).value();
  }

  /**
   * A channel as a lockfile may hold it: the canonical name or URL, a token as {@code /t/${ENVX_TOKEN}/}, a
   * basic-auth user and password as {@code ${ENVX_USER}:${ENVX_PASSWORD}@}; the secrets themselves never.
   */
  static String lockChannel(Channel c) {
    String s = c.toString();
    if (!c.hasCredentials()) {
      return s;
    }
    s = s.replace("/t/" + Channel.TOKEN_PLACEHOLDER, "/t/${ENVX_TOKEN}");
    return s.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*:" + java.util.regex.Pattern.quote(
        Channel.PASSWORD_PLACEHOLDER) + "@", "$1\\${ENVX_USER}:\\${ENVX_PASSWORD}@")
        .replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@$]+@", "$1\\${ENVX_USER}@");
  }
}
