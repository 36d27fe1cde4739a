package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Issue 10.3 as a property: any environment file in the shapes people write (comments before and after entries,
 * blank lines, any key order, any indentation, flow and empty lists, entries in any order, respelled versions,
 * a pip subsection anywhere, with or without a final newline) comes back byte for byte from
 * environment.yml → pyproject.toml → environment.yml, and converting again changes nothing.
 */
class RoundTripPropertiesTest {
  static final NameMapper SHIPPED = new MappingNames(dev.envx.mapping.NameMapping.embedded());

  static final List<String> CONDA = List.of("python=3.11", "numpy >=1.20", "pandas", "scipy=1.11", "cmake",
      "pip", "requests>=2.28,<3", "matplotlib-base", "gdal", "bioconda::samtools=1.17", "pytorch::pytorch",
      "libblas=*=*mkl", "Werkzeug", "ipywidgets==8.*", "hdf5 >=1.12", "r-base", "jupyterlab");
  static final List<String> PIP = List.of("black ==24.1", "httpx>=0.27", "-e .", "--index-url https://x.org/simple",
      "git+https://github.com/a/b", "torch==2.5.1+cu118", "--extra-index-url https://y.org/simple", "flit-core");
  static final List<String> CHANNELS = List.of("conda-forge", "bioconda", "pytorch", "nodefaults");

  @Property(tries = 300)
  void environmentFilesComeBackByteForByte(@ForAll long seed) {
    String env = environment(new Random(seed));
    Convert.Output py = Convert.environmentToPyproject(env, "environment.yml", SHIPPED, null);
    String back = Convert.pyprojectToEnvironment(py.text(), "pyproject.toml", SHIPPED,
        PyprojectToEnv.Options.DEFAULT).text();
    assertThat(back).as("round trip of\n%s\nthrough\n%s", env, py.text()).isEqualTo(env);
    assertThat(Convert.environmentToPyproject(back, "environment.yml", SHIPPED, null).text())
        .isEqualTo(py.text());
  }

  static String environment(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append("---\n");
    }
    List<String> keys = new ArrayList<>(List.of("name", "channels", "dependencies"));
    if (r.nextBoolean()) {
      keys.add("variables");
    }
    Collections.shuffle(keys, r);
    int indent = List.of(0, 1, 2, 4).get(r.nextInt(4));
    for (String key : keys) {
      comments(sb, r, "");
      switch (key) {
        case "name" -> sb.append("name: env-").append(r.nextInt(100)).append(after(r)).append('\n');
        case "channels" -> {
          List<String> cs = pick(r, CHANNELS, 3);
          int style = r.nextInt(4);
          if (style == 0) {
            sb.append("channels: [").append(String.join(", ", cs)).append("]").append(after(r)).append('\n');
          } else if (style == 1 && cs.isEmpty()) {
            sb.append("channels: []\n");
          } else {
            sb.append("channels:").append(after(r)).append('\n');
            for (String c : cs) {
              comments(sb, r, " ".repeat(indent));
              sb.append(" ".repeat(indent)).append("- ").append(c).append(after(r)).append('\n');
            }
          }
        }
        case "variables" -> {
          sb.append("variables:\n");
          comments(sb, r, "  ");
          sb.append("  MY_VAR: value").append(r.nextInt(9)).append(after(r)).append('\n');
        }
        default -> {
          List<String> deps = pick(r, CONDA, 8);
          List<String> pip = pick(r, PIP, 5);
          if (deps.isEmpty() && pip.isEmpty()) {
            sb.append(r.nextBoolean() ? "dependencies: []\n" : "dependencies:\n");
            continue;
          }
          sb.append("dependencies:").append(after(r)).append('\n');
          int pipAt = pip.isEmpty() ? -1 : r.nextInt(deps.size() + 1);
          String pipIndent = " ".repeat(indent + 2 + 2 * r.nextInt(3));
          for (int i = 0; i <= deps.size(); i++) {
            if (i == pipAt) {
              comments(sb, r, " ".repeat(indent));
              sb.append(" ".repeat(indent)).append("- pip:").append(after(r)).append('\n');
              for (String p : pip) {
                comments(sb, r, pipIndent);
                sb.append(pipIndent).append("- ").append(p).append(after(r)).append('\n');
              }
            }
            if (i < deps.size()) {
              comments(sb, r, " ".repeat(indent));
              sb.append(" ".repeat(indent)).append("- ").append(deps.get(i)).append(after(r)).append('\n');
            }
          }
        }
      }
    }
    comments(sb, r, "");
    if (r.nextInt(4) == 0 && sb.length() > 0) {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  /** Up to {@code max} distinct items in a random order. */
  static List<String> pick(Random r, List<String> pool, int max) {
    List<String> all = new ArrayList<>(pool);
    Collections.shuffle(all, r);
    return all.subList(0, r.nextInt(max + 1));
  }

  static void comments(StringBuilder sb, Random r, String indent) {
    int n = r.nextInt(4) == 0 ? r.nextInt(3) + 1 : 0;
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(3) == 0 ? "" : indent + comment(r)).append('\n');
    }
  }

  static String after(Random r) {
    return r.nextInt(4) == 0 ? " ".repeat(1 + r.nextInt(3)) + comment(r) : "";
  }

  static String comment(Random r) {
    String[] words = {"for", "testing", "required", "to run mypy", "see https://x.org/#a", "pinned: 1.2", "é", "\"q\""};
    StringBuilder c = new StringBuilder(r.nextBoolean() ? "# " : "#");
    for (int i = r.nextInt(3); i >= 0; i--) {
      c.append(words[r.nextInt(words.length)]).append(i > 0 ? " " : "");
    }
    return c.toString();
  }
}
