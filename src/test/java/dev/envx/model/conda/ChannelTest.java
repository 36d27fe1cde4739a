package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ChannelTest {
  private static final ChannelConfig CONFIG = ChannelConfig.standard(Path.of("/work/project"), Path.of("/home/u"));

  private static Channel parse(String s) {
    return Channel.parse(s, CONFIG);
  }

  @Test
  void namesLiveUnderTheChannelAlias() {
    Channel c = parse("conda-forge");
    assertThat(c.kind()).isEqualTo(Channel.Kind.NAMED);
    assertThat(c.url()).isEqualTo("https://conda.anaconda.org/conda-forge");
    assertThat(c.toString()).isEqualTo("conda-forge");
    assertThat(c.subdirUrl(Platform.LINUX_64)).isEqualTo("https://conda.anaconda.org/conda-forge/linux-64");
    Channel mirrored = Channel.parse("conda-forge", CONFIG.withChannelAlias("https://mirror.example.com/conda/"));
    assertThat(mirrored.url()).isEqualTo("https://mirror.example.com/conda/conda-forge");
    assertThat(mirrored.toString()).isEqualTo("conda-forge");
  }

  @Test
  void labels() {
    Channel c = parse("conda-forge/label/dev");
    assertThat(c.url()).isEqualTo("https://conda.anaconda.org/conda-forge/label/dev");
    assertThat(c.name()).isEqualTo("conda-forge/label/dev");
  }

  @Test
  void urlsUnderTheAliasGetTheirName() {
    Channel c = parse("https://conda.anaconda.org/conda-forge/");
    assertThat(c.kind()).isEqualTo(Channel.Kind.NAMED);
    assertThat(c.name()).isEqualTo("conda-forge");
    assertThat(c.url()).isEqualTo("https://conda.anaconda.org/conda-forge");
    assertThat(c).isEqualTo(parse("conda-forge")).hasSameHashCodeAs(parse("conda-forge/"));
    assertThat(c.original()).isEqualTo("https://conda.anaconda.org/conda-forge/");
    assertThat(parse("conda-forge/").original()).isEqualTo("conda-forge/");
    assertThat(parse("https://repo.anaconda.com/pkgs/main").toString()).isEqualTo("pkgs/main");
  }

  @Test
  void otherUrls() {
    Channel c = parse("https://Prefix.dev/robostack-staging");
    assertThat(c.kind()).isEqualTo(Channel.Kind.URL);
    assertThat(c.url()).isEqualTo("https://prefix.dev/robostack-staging");
    assertThat(c.toString()).isEqualTo("https://prefix.dev/robostack-staging");
    assertThat(parse("http://localhost:8080/chan").url()).isEqualTo("http://localhost:8080/chan");
  }

  @Test
  void localChannels() {
    Channel f = parse("file:///srv/channels/local/");
    assertThat(f.isLocal()).isTrue();
    assertThat(f.url()).isEqualTo("file:///srv/channels/local");
    assertThat(f.localPath()).isEqualTo(Path.of("/srv/channels/local"));
    assertThat(parse("./chan").url()).isEqualTo("file:///work/project/chan");
    assertThat(parse("../other/chan").localPath()).isEqualTo(Path.of("/work/other/chan"));
    assertThat(parse("~/chan").localPath()).isEqualTo(Path.of("/home/u/chan"));
    assertThat(parse("/abs/chan").url()).isEqualTo("file:///abs/chan");
    assertThat(parse("/abs/chan").toString()).isEqualTo("file:///abs/chan");
  }

  @Test
  void tokensAreSplitOffAndNeverShown() {
    String secret = "ab-0123456789abcdef";
    Channel c = parse("https://conda.anaconda.org/t/" + secret + "/my-org");
    assertThat(c.token()).isEqualTo(secret);
    assertThat(c.url()).isEqualTo("https://conda.anaconda.org/my-org");
    assertThat(c.name()).isEqualTo("my-org");
    assertThat(c.toString()).isEqualTo("my-org");
    assertThat(c.redacted()).isEqualTo("https://conda.anaconda.org/t/<TOKEN>/my-org");
    assertThat(c.original()).isEqualTo("https://conda.anaconda.org/t/<TOKEN>/my-org");
    assertThat(c.authenticatedUrl()).isEqualTo("https://conda.anaconda.org/t/" + secret + "/my-org");
    assertThat(c.subdirUrl(Platform.NOARCH)).doesNotContain(secret);
    assertThat(c.hasCredentials()).isTrue();
    Channel other = parse("https://private.example.com/t/" + secret + "/chan");
    assertThat(other.toString()).isEqualTo("https://private.example.com/t/<TOKEN>/chan");
  }

  @Test
  void passwordsAreSplitOffAndNeverShown() {
    Channel c = parse("https://user:hunter2@private.example.com/chan");
    assertThat(c.url()).isEqualTo("https://private.example.com/chan");
    assertThat(c.toString()).isEqualTo("https://user:<PASSWORD>@private.example.com/chan");
    assertThat(c.original()).doesNotContain("hunter2");
    assertThat(c.authenticatedUrl()).isEqualTo("https://user:hunter2@private.example.com/chan");
  }

  @Test
  void redactScrubsAnyText() {
    assertThat(Channel.redact("GET https://h/t/sekrit/chan/noarch failed; https://u:pw@h/x"))
        .isEqualTo("GET https://h/t/<TOKEN>/chan/noarch failed; https://u:<PASSWORD>@h/x");
    assertThat(Channel.redact("https://h/t/<TOKEN>/c")).isEqualTo("https://h/t/<TOKEN>/c");
  }

  @Test
  void subdirsAreTargetPlusNoarch() {
    Channel c = parse("conda-forge");
    assertThat(c.subdirs(Platform.OSX_ARM64)).containsExactly(Platform.OSX_ARM64, Platform.NOARCH);
    assertThat(c.subdirs(Platform.NOARCH)).containsExactly(Platform.NOARCH);
  }

  @Test
  void expandsDefaultsAndDropsNodefaults() {
    List<Channel> chans = Channel.expand(List.of("conda-forge", "defaults", "nodefaults", "conda-forge"), CONFIG);
    assertThat(chans).extracting(Channel::toString).containsExactly("conda-forge", "pkgs/main", "pkgs/r");
    assertThat(Channel.expand(List.of("bioconda", "nodefaults"), CONFIG)).extracting(Channel::name)
        .containsExactly("bioconda");
    assertThat(Channel.expand(List.of("defaults"), CONFIG.withDefaultChannels(List.of("https://mirror/main"))))
        .extracting(Channel::url).containsExactly("https://mirror/main");
  }

  @Test
  void rejectsBadSpellingsWithOffsets() {
    assertThatThrownBy(() -> parse("conda forge")).isInstanceOfSatisfying(ParseError.class, e -> {
      assertThat(e.getMessage()).isEqualTo("invalid channel name `conda forge`");
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e.hint()).contains("`conda-forge`");
    });
    assertThatThrownBy(() -> parse("defaults")).isInstanceOfSatisfying(ParseError.class,
        e -> assertThat(e.getMessage()).isEqualTo("`defaults` is a channel list, not a channel"));
    assertThatThrownBy(() -> parse("")).isInstanceOf(ParseError.class);
    assertThatThrownBy(() -> parse("https://")).isInstanceOfSatisfying(ParseError.class,
        e -> assertThat(e.offset()).isEqualTo(8));
  }

  @Property
  void tokenNeverLeaks(@ForAll("tokens") String token, @ForAll("names") String name) {
    Channel c = parse("https://conda.anaconda.org/t/" + token + "/" + name);
    assertThat(c.toString()).doesNotContain(token);
    assertThat(c.redacted()).doesNotContain(token);
    assertThat(c.original()).doesNotContain(token);
    assertThat(c.url()).doesNotContain(token);
    assertThat(c.subdirUrl(Platform.LINUX_64)).doesNotContain(token);
    assertThat(Channel.redact(c.authenticatedUrl() + "/noarch/repodata.json")).doesNotContain(token);
    assertThat(c.authenticatedUrl()).contains(token);
  }

  @Property
  void namesRoundTripThroughToString(@ForAll("names") String name) {
    Channel c = parse(name);
    assertThat(parse(c.toString())).isEqualTo(c);
    assertThat(parse(c.url()).url()).isEqualTo(c.url());
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars("abcdefXYZ0123456789-_").ofMinLength(8).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> seg = Arbitraries.strings().withChars("abcxyz019-_.").ofMinLength(1).ofMaxLength(10)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)) || s.charAt(0) == '_');
    return seg.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l))
        .filter(s -> !s.equals("defaults") && !s.equals("nodefaults") && !s.startsWith("t/")
            && !s.contains("/t/"));
  }
}
