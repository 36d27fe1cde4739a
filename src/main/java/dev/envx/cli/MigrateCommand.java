package dev.envx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envx.check.Locker;
import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.migrate.Batch;
import dev.envx.migrate.Migration;
import dev.envx.migrate.Migrator;
import dev.envx.migrate.Repository;
import dev.envx.migrate.Sources;
import dev.envx.translate.NameMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envx migrate PATH|GIT-URL}: a legacy research repository's dependency files into a pyproject.toml. */
@Command(name = "migrate", description = {
    "Turn a repository's environment.yml, requirements*.txt, setup.cfg, setup.py (read, never run) and Pipfile",
    "into a pyproject.toml (an existing one is updated in place: only envx's keys change), and report what was",
    "carried, what was mapped between conda and PyPI, and what was left and why."},
    footer = {"", "Examples:", "  envx migrate .                              # writes ./pyproject.toml",
        "  envx migrate . --commit                     # ... and commits it on a new branch envx/migrate",
        "  envx migrate https://github.com/org/repo    # clones into ./repo first",
        "  envx migrate some/requirements.txt --json   # one file: report only, nothing written",
        "  envx migrate --batch repos.txt --report report.json --jobs 2"})
final class MigrateCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH|GIT-URL",
      description = "a repository folder, a git URL (cloned into ./NAME), or one dependency file (report only)")
  String target;

  @Option(names = "--branch", paramLabel = "NAME", description = "the new branch for --commit (default: envx/migrate)")
  String branch = "envx/migrate";

  @Option(names = "--commit", description = "commit pyproject.toml (and with --lock the lockfile) on a new branch "
      + "(never the current one)")
  boolean commit;

  @Option(names = "--allow-dirty", description = "write and commit although the work tree has uncommitted changes")
  boolean allowDirty;

  @Option(names = "--lock", description = "also lock the result")
  boolean lock;

  @Option(names = "--dry-run", description = "print the pyproject.toml instead of writing it")
  boolean dryRun;

  @Option(names = "--batch", paramLabel = "LIST", description = "migrate every repository of LIST (paths or URLs, "
      + "one per line, `#` comments); needs --report")
  Path batch;

  @Option(names = "--report", paramLabel = "FILE", description = "the batch report (JSON); a second run skips "
      + "what it has as done")
  Path report;

  @Option(names = "--jobs", paramLabel = "N", description = "parallel migrations in a batch (default: 1)")
  int jobs = 1;

  @Option(names = "--into", paramLabel = "DIR", description = "where a git URL is cloned (default: ./NAME)")
  Path into;
  private final Locker locker;

  MigrateCommand(Cli cli) {
    this(cli, new LockStage(cli));
  }

  /** @param locker the lock stage for {@code --lock} */
  MigrateCommand(Cli cli, Locker locker) {
    this.cli = cli;
    this.locker = locker;
  }

  @Override
  public Integer call() {
    if (lock && dryRun) {
      throw EnvxException.input("`--lock` locks the written pyproject.toml and `--dry-run` writes none", null,
          "drop one of them");
    }
    if (batch != null) {
      return batch();
    }
    if (target == null) {
      throw EnvxException.input("`envx migrate` needs a repository", null,
          "pass a folder or git URL, or `--batch LIST --report report.json`");
    }
    Outcome o = migrateOne(target, true);
    if (cli.json()) {
      cli.printJson(o.json());
    } else {
      if (dryRun && o.migration() != null) {
        cli.out().print(o.migration().pyproject());
      }
      cli.err().print(o.text());
      cli.err().flush();
      cli.out().flush();
    }
    return o.status().equals("failed") ? 1 : 0;
  }

  /** One item's migration and what was done with it. */
  record Outcome(String item, String status, String cause, Migration migration, List<String> actions,
      List<Diagnostic> errors) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", item);
      m.put("status", status);
      if (cause != null) {
        m.put("cause", cause);
      }
      if (!errors.isEmpty()) {
        m.put("errors", errors.stream().map(Diagnostic::oneLine).toList());
      }
      if (migration != null) {
        m.put("sources", migration.sources());
        m.put("carried", migration.carried());
        m.put("mapped", migration.mapped().stream().map(Diagnostic::oneLine).toList());
        m.put("left", migration.left().stream().map(Diagnostic::oneLine).toList());
        m.put("missing", migration.readBack());
      }
      m.put("actions", actions);
      return m;
    }

    String text() {
      StringBuilder sb = new StringBuilder();
      if (migration != null) {
        sb.append("read: ").append(String.join(", ", migration.sources())).append('\n');
        migration.carried().forEach(c -> sb.append("carried: ").append(c).append('\n'));
        migration.mapped().forEach(d -> sb.append("mapped: ").append(d.message()).append('\n'));
        migration.left().forEach(d -> sb.append("left: ").append(d.oneLine().replaceFirst("warning: ", ""))
            .append(d.hints().isEmpty() ? "" : " (" + String.join("; ", d.hints()) + ")").append('\n'));
        migration.readBack().forEach(r -> sb.append("lost: ").append(r).append('\n'));
      }
      errors.forEach(e -> sb.append(e.oneLine()).append('\n'));
      actions.forEach(a -> sb.append(a).append('\n'));
      return sb.toString();
    }
  }

  private NameMapper mapper;

  private synchronized NameMapper mapper() {
    if (mapper == null) {
      mapper = Mappers.forCli(cli, null);
    }
    return mapper;
  }

  private Outcome migrateOne(String item, boolean single) {
    List<String> actions = new ArrayList<>();
    try {
      Path p = Path.of(item);
      if (!Repository.isUrl(item) && Files.isRegularFile(p)) {
        return oneFile(item, p);
      }
      try (Repository repo = Repository.isUrl(item)
          ? Repository.cloneInto(item, into != null && batch == null ? into : Path.of(repoName(item)))
          : Repository.open(p)) {
        if (Repository.isUrl(item)) {
          actions.add("cloned " + item + " into " + repo.root());
        }
        Migration m = Migrator.migrate(repo.sources(), repoName(repo.root().toAbsolutePath().normalize().toString()),
            mapper());
        if (m.sources().isEmpty()) {
          return new Outcome(item, "failed", "no dependency files", m, actions, List.of(Diagnostic.error(
              "no environment.yml, requirements*.txt, setup.cfg, setup.py or Pipfile in `" + repo.root() + "`", null)));
        }
        if (!m.keepsEverything()) {
          return new Outcome(item, "failed", "dependencies lost on reading back", m, actions, List.of());
        }
        if (!dryRun) {
          Set<String> dirty = repo.dirty();
          if (!dirty.isEmpty() && !allowDirty) {
            throw EnvxException.input("the work tree of `" + repo.root() + "` has uncommitted changes: "
                + String.join(", ", dirty.stream().limit(5).toList()) + (dirty.size() > 5 ? ", ..." : ""), null,
                "commit or stash them, or pass `--allow-dirty`");
          }
          Path out = repo.root().resolve("pyproject.toml");
          if (commit) {
            repo.requireNewBranch(branch);
          }
          OutputFiles.writeAtomically(out, m.pyproject());
          actions.add((m.existing() ? "updated " : "wrote ") + out);
          List<String> toCommit = new ArrayList<>(List.of("pyproject.toml"));
          if (lock) {
            Path lockfile = LockFirst.existing(out).orElse(repo.root().resolve(LockFirst.NAMES.get(0)));
            actions.add(locker.lock(out, lockfile));
            toCommit.add(repo.root().toAbsolutePath().normalize().relativize(lockfile.toAbsolutePath().normalize())
                .toString().replace('\\', '/'));
          }
          if (commit) {
            String id = repo.commitOnNewBranch(branch, toCommit, "envx migrate: " + String.join(" and ", toCommit)
                + " from " + String.join(", ", m.sources()));
            actions.add("committed " + id.substring(0, 12) + " on new branch " + branch);
          }
        }
        return new Outcome(item, m.left().isEmpty() ? "ok" : "warnings", null, m, actions, List.of());
      }
    } catch (EnvxException e) {
      if (single && batch == null) {
        throw e;
      }
      return new Outcome(item, "failed", e.exitCode() == EnvxException.USAGE ? "bad input" : "failure", null, actions,
          e.diagnostics());
    }
  }

  /** A single dependency file: migrated on its own (as the repository's only file); nothing is written. */
  private Outcome oneFile(String item, Path p) {
    String text = OutputFiles.read(p);
    String name = p.getFileName().toString();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    String as = lower.endsWith(".yml") || lower.endsWith(".yaml") ? "environment.yml"
        : lower.endsWith("setup.py") ? "setup.py" : lower.endsWith("setup.cfg") ? "setup.cfg"
        : lower.endsWith("pipfile") ? "Pipfile" : lower.endsWith(".txt") || lower.endsWith(".in")
        ? (Sources.groupOf(name) == null || !lower.contains("requirements-") ? "requirements.txt"
            : "requirements-" + Sources.groupOf(name) + ".txt") : null;
    if (as == null) {
      throw EnvxException.input("`" + p + "` is not a dependency file envx migrates", null,
          "environment.yml, requirements*.txt, setup.cfg, setup.py or Pipfile; or pass its folder");
    }
    Migration m = Migrator.migrate(new Sources(Map.of(as, text)), repoName(name), mapper());
    List<String> actions = new ArrayList<>();
    if (!dryRun) {
      actions.add("nothing written: `" + item + "` is one file (migrate its folder to write pyproject.toml)");
    }
    if (!m.keepsEverything()) {
      return new Outcome(item, "failed", "dependencies lost on reading back", m, actions, List.of());
    }
    return new Outcome(item, m.left().isEmpty() ? "ok" : "warnings", null, m, actions, List.of());
  }

  private static String repoName(String s) {
    String n = s.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf(':')) + 1);
    int sep = n.indexOf("__");
    return sep > 0 ? n.substring(0, n.indexOf("__", sep + 2) > 0 ? n.indexOf("__", sep + 2) : n.length())
        .replace("__", "-") : n;
  }

  private int batch() {
    if (report == null) {
      throw EnvxException.input("`--batch` needs `--report FILE`", null, "e.g. `--report report.json`");
    }
    if (commit) {
      throw EnvxException.input("`--commit` is for one repository at a time", null, "drop `--commit` in a batch");
    }
    List<String> items = new ArrayList<>();
    for (String line : OutputFiles.read(batch).split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        items.add(t);
      }
    }
    Map<String, Map<String, Object>> previous = readReport();
    Set<String> done = new HashSet<>();
    previous.forEach((k, v) -> {
      if (!"failed".equals(v.get("status")) && items.contains(k)) {
        done.add(k);
      }
    });
    boolean bar = System.console() != null && !cli.quiet() && !cli.json();
    AtomicInteger n = new AtomicInteger(done.size());
    int total = items.size();
    List<Batch.Result> results = Batch.run(items, done, jobs, item -> {
      Outcome o = migrateOne(item, false);
      return new Batch.Result(item, o.status(), o.cause(), o.json());
    }, r -> {
      if (bar) {
        int k = n.incrementAndGet();
        int width = 30;
        int filled = total == 0 ? width : k * width / total;
        synchronized (cli) {
          cli.err().print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + k + "/" + total);
          cli.err().flush();
        }
      }
    });
    if (bar) {
      cli.err().println();
    }
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    for (String item : items) {
      if (done.contains(item)) {
        all.put(item, previous.get(item));
      }
    }
    results.forEach(r -> all.put(r.item(), r.details()));
    Map<String, Object> summary = summary(items, all, done.size());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", 1);
    doc.put("summary", summary);
    List<Map<String, Object>> ordered = new ArrayList<>();
    items.forEach(i -> ordered.add(all.get(i)));
    doc.put("items", ordered);
    try {
      OutputFiles.writeAtomically(report, Cli.jsonMapper().writeValueAsString(doc) + "\n", batch);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (cli.json()) {
      cli.printJson(summary);
    } else {
      cli.out().print(summaryText(summary));
      cli.out().flush();
    }
    return ((Number) summary.get("failed")).intValue() == 0 ? 0 : 1;
  }

  private static Map<String, Object> summary(List<String> items, Map<String, Map<String, Object>> all, int skipped) {
    int ok = 0;
    int warnings = 0;
    int failed = 0;
    Map<String, Integer> causes = new TreeMap<>();
    for (String i : items) {
      Map<String, Object> r = all.get(i);
      switch (String.valueOf(r.get("status"))) {
        case "ok" -> ok++;
        case "warnings" -> warnings++;
        default -> {
          failed++;
          causes.merge(String.valueOf(r.get("cause")), 1, Integer::sum);
        }
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("items", items.size());
    s.put("ok", ok);
    s.put("warnings", warnings);
    s.put("failed", failed);
    s.put("skipped-as-done", skipped);
    s.put("success-rate", items.isEmpty() ? 1.0 : Math.round(10000.0 * (ok + warnings) / items.size()) / 10000.0);
    s.put("failures-by-cause", causes);
    return s;
  }

  private static String summaryText(Map<String, Object> s) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "%s repositories: %s migrated (%s of them with warnings), %s "
        + "failed, %s skipped as done by the last run; success rate %.1f%%%n", s.get("items"),
        ((Number) s.get("ok")).intValue() + ((Number) s.get("warnings")).intValue(), s.get("warnings"),
        s.get("failed"), s.get("skipped-as-done"), 100 * ((Number) s.get("success-rate")).doubleValue()));
    @SuppressWarnings("unchecked")
    Map<String, Integer> causes = (Map<String, Integer>) s.get("failures-by-cause");
    causes.forEach((c, n) -> sb.append("  failed: ").append(n).append(" × ").append(c).append('\n'));
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> readReport() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(report)) {
      return out;
    }
    try {
      JsonNode doc = Cli.jsonMapper().readTree(Files.readString(report));
      for (JsonNode item : doc.path("items")) {
        Map<String, Object> m = Cli.jsonMapper().convertValue(item, Map.class);
        out.put(String.valueOf(m.get("item")), m);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw EnvxException.input("`" + report + "` is not a report of `envx migrate --batch`: " + e.getMessage(), null,
          "move it away to start the batch afresh");
    }
    return out;
  }
}
