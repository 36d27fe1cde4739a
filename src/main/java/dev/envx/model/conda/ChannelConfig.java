package dev.envx.model.conda;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How channel names turn into URLs: the channel alias that plain names live under (conda's
 * {@code channel_alias}), the channels that {@code defaults} expands to, and the directories that local paths
 * ({@code ./chan}, {@code ~/chan}) are resolved against.
 *
 * @param channelAlias base URL for named channels, without trailing slash
 * @param defaultChannels what {@code defaults} expands to (names or URLs)
 * @param workingDir base for relative local paths
 * @param homeDir what {@code ~} means in local paths
 */
public record ChannelConfig(String channelAlias, List<String> defaultChannels, Path workingDir, Path homeDir) {
  public static final String CONDA_ALIAS = "https://conda.anaconda.org";
  public static final List<String> ANACONDA_DEFAULTS =
      List.of("https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r");

  public ChannelConfig {
    Objects.requireNonNull(channelAlias, "channelAlias");
    if (!channelAlias.matches("(?i)[a-z][a-z0-9+.-]*://.+")) {
      throw new IllegalArgumentException("channel alias `" + channelAlias + "` is not a URL");
    }
    while (channelAlias.endsWith("/")) {
      channelAlias = channelAlias.substring(0, channelAlias.length() - 1);
    }
    defaultChannels = List.copyOf(defaultChannels);
    workingDir = workingDir.toAbsolutePath().normalize();
    homeDir = homeDir.toAbsolutePath().normalize();
  }

  /** conda's defaults: alias {@code https://conda.anaconda.org}, {@code defaults} = pkgs/main + pkgs/r. */
  public static ChannelConfig standard(Path workingDir, Path homeDir) {
    return new ChannelConfig(CONDA_ALIAS, ANACONDA_DEFAULTS, workingDir, homeDir);
  }

  /** {@link #standard(Path, Path)} with the JVM's working and home directories. */
  public static ChannelConfig standard() {
    return standard(Path.of(""), Path.of(System.getProperty("user.home", ".")));
  }

  public ChannelConfig withChannelAlias(String alias) {
    return new ChannelConfig(alias, defaultChannels, workingDir, homeDir);
  }

  public ChannelConfig withDefaultChannels(List<String> channels) {
    return new ChannelConfig(channelAlias, channels, workingDir, homeDir);
  }
}
