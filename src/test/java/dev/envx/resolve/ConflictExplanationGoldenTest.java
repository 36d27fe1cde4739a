package dev.envx.resolve;

import dev.envx.testing.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conflict explanations in conda terms: each {@code testdata/resolve/conflicts/<case>.case} holds
 * {@link TinyChannels} record lines (after {@code channel: NAME} lines for several channels), {@code request:},
 * {@code virtual: NAME=VERSION} and {@code priority:} lines; {@code <case>.expected} is the explanation and its
 * hints (at most 20 lines). Regenerate with {@code -Denvx.update-golden=true} and review the diff.
 */
class ConflictExplanationGoldenTest {
  static Path dir() {
    return SharedData.projectRoot().resolve("testdata/resolve/conflicts");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".case"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void explanationMatchesGolden(String name) throws IOException {
    TinyChannels channels = new TinyChannels();
    String channel = "conda-forge";
    StringBuilder records = new StringBuilder();
    List<String> requests = new ArrayList<>();
    List<VirtualPackage> virtuals = new ArrayList<>();
    ChannelPriority priority = ChannelPriority.STRICT;
    for (String line : Files.readString(dir().resolve(name + ".case")).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("channel:")) {
        if (records.length() > 0) {
          channels.add(channel, "linux-64", records.toString());
          records.setLength(0);
        }
        channel = line.substring(8).strip();
      } else if (line.startsWith("request:")) {
        requests.add(line.substring(8).strip());
      } else if (line.startsWith("virtual:")) {
        virtuals.add(VirtualPackage.parse(line.substring(8).strip()));
      } else if (line.startsWith("priority:")) {
        priority = ChannelPriority.parse(line.substring(9));
      } else {
        records.append(line).append('\n');
      }
    }
    channels.add(channel, "linux-64", records.toString());
    RepodataIndex idx = channels.index();
    Request request = new Request(CondaRequirement.parseAll(requests), List.of(), priority, virtuals, Set.of());
    Resolution.Unsolvable u = Solving.unsolvable(idx, request);
    StringBuilder actual = new StringBuilder(u.explanation());
    for (String h : Solving.hints(u)) {
      actual.append("hint: ").append(h).append('\n');
    }
    assertThat(actual.toString().lines().count()).as(actual.toString()).isLessThanOrEqualTo(20);
    Path expected = dir().resolve(name + ".expected");
    Golden.check(expected, actual);
  }
}
