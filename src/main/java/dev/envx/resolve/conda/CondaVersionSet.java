package dev.envx.resolve.conda;

import dev.envx.model.conda.MatchSpec;

/**
 * One version set: a MatchSpec (from a request, or a {@code depends}/{@code constrains} string of a record parsed
 * the first time it is reached) and its name id.
 *
 * @param text the spec as written (or conda's canonical form of a spec envx built), for messages
 * @param name the name id
 * @param channel the spec's channel, matched against the record's {@link dev.envx.model.conda.Channel}; or null
 * @param rest the spec without its channel; null when the text does not parse
 * @param error why the text does not parse (or names no exact package), else null
 */
record CondaVersionSet(String text, int name, String channel, MatchSpec rest, String error) {

  /** The version set of a parsed spec with an exact name. */
  static CondaVersionSet of(String text, int name, MatchSpec m) {
    String channel = m.channel() == null || m.channel().equals("*") ? null : m.channel();
    return new CondaVersionSet(text, name, channel, channel == null ? m : withoutChannel(m), null);
  }

  private static MatchSpec withoutChannel(MatchSpec m) {
    return new MatchSpec(null, m.subdir(), m.namespace(), m.name(), m.version(), m.build(), m.buildNumber(),
        m.trackFeatures(), m.features(), m.url(), m.md5(), m.sha256(), m.license(), m.licenseFamily(), m.fn(),
        m.when(), m.extras(), m.flags());
  }
}
