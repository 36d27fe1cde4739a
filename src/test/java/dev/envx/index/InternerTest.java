package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class InternerTest {
  @Property(tries = 200)
  void equalStringsBecomeOneInstance(@ForAll @Size(max = 3000) List<@StringLength(max = 12) String> values) {
    Interner interner = new Interner();
    Map<String, String> first = new HashMap<>();
    for (String v : values) {
      char[] buf = ("<<" + v + ">>").toCharArray();
      String s = interner.intern(buf, 2, v.length());
      assertThat(s).isEqualTo(v);
      String prior = first.putIfAbsent(v, s);
      if (prior != null) {
        assertThat(s).isSameAs(prior);
      }
    }
    assertThat(interner.size()).isEqualTo(first.size());
  }
}
