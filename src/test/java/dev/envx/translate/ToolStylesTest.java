package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** `--style pixi` carries what pixi's tables hold and warns, naming the package and part, for the rest. */
class ToolStylesTest {
  @Test
  void pixiCarriesBracketVersionBuildAndChannel() {
    String env = "channels: [conda-forge]\nplatforms: [linux-64]\ndependencies:\n"
        + "  - \"hdf5[version='>=1.12',build=mpi*]\"\n  - conda-forge::numpy 1.26.* py312*\n  - \"zlib[license=Zlib]\"\n";
    Convert.Output o = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null,
        ToolStyles.Style.pixi);
    assertThat(o.text()).contains("hdf5 = { version = \">=1.12\", build = \"mpi*\" }")
        .contains("numpy = { version = \"1.26.*\", build = \"py312*\", channel = \"conda-forge\" }");
    assertThat(o.diagnostics()).extracting(Diagnostic::message)
        .noneSatisfy(m -> assertThat(m).contains("hdf5"))
        .anySatisfy(m -> assertThat(m).contains("`license`").contains("zlib[license=Zlib]"));
  }
}
