package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class ByteInternerTest {
  @Property(tries = 200)
  void equalStringsBecomeOneInstance(@ForAll @Size(max = 3000) List<@StringLength(max = 12) String> values) {
    ByteInterner interner = new ByteInterner();
    Map<String, String> first = new HashMap<>();
    for (String v : values) {
      byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
      boolean valid = new String(utf8, StandardCharsets.UTF_8).equals(v) && v.indexOf('\uFFFD') < 0;
      if (!valid) {
        assertThat(interner.intern(v)).isSameAs(v); // a lone surrogate or U+FFFD: not pooled
        continue;
      }
      byte[] buf = new byte[utf8.length + 4];
      System.arraycopy(utf8, 0, buf, 2, utf8.length);
      String s = interner.intern(buf, 2, utf8.length, utf8.length == v.length());
      assertThat(s).isEqualTo(v);
      assertThat(interner.intern(v)).isSameAs(s);
      String prior = first.putIfAbsent(v, s);
      if (prior != null) {
        assertThat(s).isSameAs(prior);
      }
    }
    assertThat(interner.size()).isEqualTo(first.size());
  }
}
