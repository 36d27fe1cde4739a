package dev.envx.resolve.conda;

import dev.envx.index.PackageRecord;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.MatchSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Channel priority of one solve: the rank of each channel (0 = listed first) and conda's channel match. */
final class Channels {
  private final Map<Channel, Integer> rank = new HashMap<>();

  Channels(List<Channel> channels) {
    for (int i = 0; i < channels.size(); i++) {
      rank.put(channels.get(i), i);
    }
  }

  /** The rank of a record's channel; records of no listed channel rank last. */
  int rank(PackageRecord r) {
    return rank(r.channel().orElse(null));
  }

  // no Optional.map(lambda): a capturing lambda per record costs a cold solve an interpreted method-handle call
  private int rank(Channel c) {
    return c == null ? Integer.MAX_VALUE : rank.getOrDefault(c, Integer.MAX_VALUE);
  }

  /**
   * Strict priority: the rank of the channel {@code wanted} (a root request's {@code chan::name}) when a record
   * of it is there, else of the best channel that has the name.
   */
  int strictChannel(String wanted, List<PackageRecord> records) {
    int best = Integer.MAX_VALUE;
    for (PackageRecord r : records) {
      Channel c = r.channel().orElse(null);
      int k = rank(c);
      if (wanted != null && c != null && matches(wanted, c)) {
        return k;
      }
      best = Math.min(best, k);
    }
    return best;
  }

  /**
   * conda's channel match ({@code conda-forge} matches the record channel {@code conda-forge}); a local channel
   * is also matched by its URL or by its last path segment ({@code chan::pkg} for {@code file:///srv/chan}).
   */
  static boolean matches(String spec, Channel channel) {
    if (MatchSpec.channelMatch(spec, channel.name()) || spec.equals(channel.url())) {
      return true;
    }
    if (channel.isLocal()) {
      String url = channel.url();
      return url.substring(url.lastIndexOf('/') + 1).equals(spec);
    }
    return false;
  }
}
