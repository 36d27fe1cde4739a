package dev.envx.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Checker.Report} as words (a short diff-like text) and as JSON-ready maps. */
public final class ReportText {
  private ReportText() {}

  /** The text report: one block per finding, then a summary line. */
  public static String render(Checker.Report r) {
    StringBuilder sb = new StringBuilder();
    String again = "envx check --fix" + Checker.dirArgument(r.dir());
    for (Finding f : r.findings()) {
      if (f instanceof Finding.StaleMirror m) {
        sb.append(m.file()).append(" is stale: it mirrors ").append(m.source()).append(" and ")
            .append(count(m.differences().size(), "entry differs", "entries differ")).append('\n');
        sb.append("  --- ").append(m.file()).append('\n');
        sb.append("  +++ ").append(m.file()).append(" as made from ").append(m.source()).append('\n');
        Map<String, List<Difference>> bySection = new LinkedHashMap<>();
        m.differences().forEach(d -> bySection.computeIfAbsent(d.section(), k -> new ArrayList<>()).add(d));
        bySection.forEach((section, ds) -> {
          sb.append("  ").append(section).append(":\n");
          ds.forEach(d -> sb.append("    ").append(d.line()).append('\n'));
        });
        sb.append("  fix: ").append(again).append("   (runs `").append(m.fix()).append("`)\n");
      } else if (f instanceof Finding.MissingMirror m) {
        sb.append(m.file()).append(" is missing: ").append(m.source()).append(" declares it its mirror\n");
        sb.append("  fix: ").append(again).append("   (runs `").append(m.fix()).append("`)\n");
      } else if (f instanceof Finding.StaleLock l) {
        sb.append(l.file()).append(" is stale: it was locked from other inputs than ").append(l.manifest())
            .append(" has now\n");
        sb.append("  recorded input hash ").append(shortHash(l.recorded())).append(", ").append(l.manifest())
            .append(" gives ").append(shortHash(l.expected())).append('\n');
        sb.append("  fix: ").append(l.fix()).append('\n');
      } else if (f instanceof Finding.UncheckedLock u) {
        sb.append("note: ").append(u.file()).append(" is not checked: ").append(u.reason()).append('\n');
      } else if (f instanceof Finding.Undeclared u) {
        sb.append("note: ").append(u.file()).append(" and ").append(u.other())
            .append(" are not compared: neither is declared a mirror of the other\n")
            .append("  hint: add `mirror = \"").append(relative(u.other(), u.file()))
            .append("\"` (made from pyproject.toml) or `mirror-of = \"").append(relative(u.other(), u.file()))
            .append("\"` (pyproject.toml made from it) to `[tool.envx]` in ").append(u.other()).append('\n');
      }
    }
    long failing = r.findings().stream().filter(Finding::failing).count();
    if (failing == 0) {
      sb.append(r.checked().isEmpty() ? "nothing to check in " + display(r.dir())
          + " (no pyproject.toml, environment.yml or lockfile)" : "ok: " + names(r.checked()) + " in step")
          .append('\n');
    } else {
      sb.append(count(failing, "file is stale", "files are stale")).append('\n');
    }
    return sb.toString();
  }

  /** The report as maps and lists for {@code --json}. */
  public static Map<String, Object> json(Checker.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", r.ok());
    m.put("checked", r.checked().stream().map(Path::toString).toList());
    List<Map<String, Object>> fs = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", kind(f));
      j.put("file", f.file().toString());
      j.put("failing", f.failing());
      if (f instanceof Finding.StaleMirror s) {
        j.put("source", s.source().toString());
        j.put("differences", s.differences().stream().map(d -> {
          Map<String, Object> dm = new LinkedHashMap<>();
          dm.put("section", d.section());
          dm.put("entry", d.entry());
          dm.put("change", d.missing() ? "missing" : "extra");
          return dm;
        }).toList());
      } else if (f instanceof Finding.MissingMirror s) {
        j.put("source", s.source().toString());
      } else if (f instanceof Finding.StaleLock l) {
        j.put("manifest", l.manifest().toString());
        j.put("recorded", l.recorded());
        j.put("expected", l.expected());
      } else if (f instanceof Finding.UncheckedLock u) {
        j.put("reason", u.reason());
      } else if (f instanceof Finding.Undeclared u) {
        j.put("other", u.other().toString());
      }
      if (f.fix() != null) {
        j.put("fix", f.fix());
      }
      fs.add(j);
    }
    m.put("findings", fs);
    return m;
  }

  static String kind(Finding f) {
    if (f instanceof Finding.StaleMirror) {
      return "stale-mirror";
    } else if (f instanceof Finding.MissingMirror) {
      return "missing-mirror";
    } else if (f instanceof Finding.StaleLock) {
      return "stale-lock";
    } else if (f instanceof Finding.UncheckedLock) {
      return "unchecked-lock";
    }
    return "undeclared-mirror";
  }

  private static String shortHash(String h) {
    return h.length() > 19 ? h.substring(0, 19) + "…" : h;
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String names(List<Path> ps) {
    return String.join(", ", ps.stream().map(Path::toString).toList());
  }

  private static String display(Path dir) {
    String s = dir.toString();
    return s.isEmpty() ? "." : s;
  }

  private static String relative(Path from, Path to) {
    Path base = from.toAbsolutePath().getParent();
    return base.relativize(to.toAbsolutePath()).toString();
  }
}
