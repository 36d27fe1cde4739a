package dev.envx.model.pep508;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The written-out name check and normalization say what PEP 508's and PEP 503's regular expressions say. */
class PyPiNameProperties {
  @Property(tries = 5000)
  void isValidIsThePattern(@ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'c')
      @CharRange(from = 'X', to = 'Z') @CharRange(from = '0', to = '2')
      @Chars({'-', '_', '.', ' ', '\n', '+', '!', 'İ', 'é'}) String name) {
    assertThat(PyPiName.isValid(name)).as(name).isEqualTo(PyPiName.VALID.matcher(name).matches());
  }

  @Property(tries = 5000)
  void normalizeIsTheSubstitution(@ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'c')
      @CharRange(from = 'X', to = 'Z') @CharRange(from = '0', to = '2')
      @Chars({'-', '_', '.', ' ', 'İ', 'É'}) String name) {
    assertThat(PyPiName.normalize(name)).as(name)
        .isEqualTo(PyPiName.SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT));
  }
}
