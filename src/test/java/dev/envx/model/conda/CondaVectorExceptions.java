package dev.envx.model.conda;

import java.util.HashMap;
import java.util.Map;

/**
 * Vector cases envx deliberately does not follow, each with the reason (see {@link CondaConformanceTest}). conda
 * is envx's reference; mamba and rattler cases that contradict conda are listed here.
 */
final class CondaVectorExceptions {
  private CondaVectorExceptions() {}

  private static final String RATTLER_STRICT =
      "rattler strict mode rejects this spec; conda accepts it (lenient) and so does envx";
  private static final String MAMBA_PRINT =
      "mamba's own canonical string (double quotes, `channel[subdir]`, `=*=build`, `[optional]`); envx prints "
          + "conda's str(MatchSpec), checked by the conda cases (e.g. cm-00063, cm-00077)";
  private static final String STAR_STAR =
      "conda strips a single trailing `.*` after an operator and compares against the version `2.*` "
          + "(`*` sorts below numbers); rattler strips every `.*`. envx follows conda";
  private static final String GLOB_DOT =
      "conda reads `*.*` as a glob on the version string (it must contain a `.`); rattler simplifies it to `*`";

  static final Map<String, String> REASONS = build();

  private static Map<String, String> build() {
    Map<String, String> m = new HashMap<>();
    // conda_version_order.json
    m.put("cvo-00131", "mamba's list has `0.4` before `0.4.0` and asks for strictly increasing versions; conda has "
        + "VersionOrder('0.4') == VersionOrder('0.4.0') (cvo-00067, cvo-00081), so does envx");
    // conda_version_spec.json
    for (String id : new String[] {"cvs-00231", "cvs-00232", "cvs-00236", "cvs-00237"}) {
      m.put(id, "mamba treats `=1.*.3` as a glob; conda parses the operand of `=`/`!=` as the version `1.*.3` "
          + "(a literal `*` component) and matches it as a prefix, so `1.7.3` does not match; envx follows conda");
    }
    // conda_matchspec.json: conda
    for (String id : new String[] {"cm-00109", "cm-00110", "cm-00111", "cm-00113"}) {
      m.put(id, "from test_key_value_features_canonical_string_forms, which conda skips (@pytest.mark.skip: "
          + "key-value features disabled since conda 4.4); conda prints track_features/features as given");
    }
    // rattler
    for (String id : new String[] {"cm-00347", "cm-00348", "cm-00352", "cm-00359", "cm-00360", "cm-00362",
        "cm-00371", "cm-00374", "cm-00405", "cm-00410", "cm-00411", "cm-00415", "cm-00423"}) {
      m.put(id, RATTLER_STRICT);
    }
    m.put("cm-00357", RATTLER_STRICT + " (conda reads `==2.7.*.*` as `==2.7.*`)");
    m.put("cm-00426", RATTLER_STRICT + " (conda reads `>=2.*.*` as `>=2.*`)");
    m.put("cm-00403", STAR_STAR);
    m.put("cm-00448", STAR_STAR);
    m.put("cm-00442", STAR_STAR + " (`==2.7.*.*` is `==2.7.*`, a version with a `*` component)");
    m.put("cm-00345", GLOB_DOT);
    m.put("cm-00408", GLOB_DOT);
    m.put("cm-00430", GLOB_DOT);
    m.put("cm-00390", "rattler names a non-alias channel URL by its path (`python/conda`); conda keeps the URL as "
        + "the channel name (test_channel_matching_strict_for_non_alias_urls); envx keeps the URL");
    m.put("cm-00399", "rattler rejects `~\\windows_channel` as a channel; MatchSpec keeps channels as strings and "
        + "leaves their validation to the channel model");
    // mamba
    for (String id : new String[] {"cm-00451", "cm-00452", "cm-00455", "cm-00456", "cm-00458", "cm-00471",
        "cm-00472", "cm-00473", "cm-00474", "cm-00475", "cm-00476", "cm-00477", "cm-00485", "cm-00490",
        "cm-00491", "cm-00495"}) {
      m.put(id, MAMBA_PRINT);
    }
    m.put("cm-00486", MAMBA_PRINT + "; conda prints `libblas=0.15` (like cm-00051)");
    m.put("cm-00461", "conda reads `0.2.18.*.` (a `*` inside) as a glob on the version string; mamba as `=0.2.18`");
    m.put("cm-00479", "conda: `=1.0=2` with a build is the exact version `1.0` (cm-00084 `numpy=1.10=py38_0` "
        + "prints `numpy==1.10=py38_0`); mamba keeps it fuzzy (`=1.0`)");
    m.put("cm-00498", "conda: `python=3.7=bld` has the exact version `3.7` (cm-00084); mamba keeps `=3.7`");
    m.put("cm-00492", "conda prints the defaults member `pkgs/main` as `defaults` (cm-00150); mamba keeps `pkgs/main`");
    m.put("cm-00493", "conda prints the defaults member `pkgs/main` as `defaults` (cm-00150); mamba keeps `pkgs/main`");
    m.put("cm-00494", "mamba-only channel syntax `conda-forge[noarch]::`; conda has no brackets in the channel part");
    m.put("cm-00480", "extraction artefact: the spec string holds C++ source of the mamba test, not a spec");
    return Map.copyOf(m);
  }
}
