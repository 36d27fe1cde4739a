package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockedPackage;
import dev.envx.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies an {@link InstallPlan}. Everything is fetched, verified and extracted into the cache first; then the
 * new environment is built in a staging directory beside the prefix (kept files hardlinked from the current
 * prefix, dropped packages' files left out, new packages linked in), and swapped in by two renames around a
 * journal file. A failure before the journal is written leaves the prefix untouched and the stage is removed;
 * after it, the next run rolls the swap forward ({@link #recover}). A plan with nothing to do touches nothing.
 */
public final class Installer {
  private static final DateTimeFormatter HISTORY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PackageCache cache;
  private final int parallelism;
  private final Progress progress;

  public Installer(PackageCache cache, int parallelism) {
    this(cache, parallelism, Progress.NONE);
  }

  public Installer(PackageCache cache, int parallelism, Progress progress) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.cache = cache;
    this.parallelism = parallelism;
    this.progress = java.util.Objects.requireNonNull(progress, "progress");
  }

  /** What an apply did. */
  public record Result(InstallPlan plan, int linked, int unlinked, int kept) {}

  /** Hooks for fault tests: called after each package is linked into the stage. */
  interface Probe {
    Probe NONE = (stage, pkg) -> {};

    void linked(Path stage, LockedPackage pkg) throws IOException;
  }

  public Result apply(InstallPlan plan) {
    return apply(plan, Probe.NONE);
  }

  Result apply(InstallPlan plan, Probe probe) {
    Path prefix = plan.prefix();
    recover(prefix);
    int links = plan.steps(InstallPlan.Link.class).size();
    int unlinks = plan.steps(InstallPlan.Unlink.class).size();
    int keeps = plan.steps(InstallPlan.Keep.class).size();
    if (plan.isNoop()) {
      return new Result(plan, 0, 0, keeps);
    }
    try {
      checkPrefix(prefix);
      Map<LockedPackage, Path> fetched = fetchAll(plan);
      Path stage = sibling(prefix, "stage");
      PackageCache.deleteTree(stage);
      Files.createDirectories(stage);
      try {
        build(plan, stage, fetched, probe, progress);
        commit(prefix, stage);
      } finally {
        PackageCache.deleteTree(stage);
      }
    } catch (IOException e) {
      throw EnvxException.failure("cannot install into `" + prefix + "`: " + describe(e),
          "the environment was left as it was");
    } finally {
      progress.finish();
    }
    return new Result(plan, links, unlinks, keeps);
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file `" + n.getFile() + "`";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: `" + a.getFile() + "`";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": `" + f.getFile() + "`";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Finishes or undoes a swap that a crash interrupted; a leftover stage without a journal is removed. */
  public static void recover(Path prefix) {
    Path journal = sibling(prefix, "journal");
    Path stage = sibling(prefix, "stage");
    Path old = sibling(prefix, "old");
    try {
      if (Files.exists(journal)) {
        if (Files.isDirectory(stage)) {
          if (Files.exists(prefix) && !Files.exists(old)) {
            Files.move(prefix, old);
          }
          if (!Files.exists(prefix)) {
            Files.move(stage, prefix);
          }
        }
        PackageCache.deleteTree(old);
        Files.deleteIfExists(journal);
      }
      PackageCache.deleteTree(stage);
      if (!Files.exists(prefix) && Files.isDirectory(old)) {
        Files.move(old, prefix);
      }
      PackageCache.deleteTree(old);
    } catch (IOException e) {
      throw EnvxException.failure("cannot recover the interrupted install of `" + prefix + "`: " + e.getMessage(),
          "remove `" + stage + "` and `" + old + "` by hand after checking them");
    }
  }

  static Path sibling(Path prefix, String what) {
    return prefix.resolveSibling("." + prefix.getFileName() + ".envx-" + what);
  }

  private static void checkPrefix(Path prefix) throws IOException {
    if (Files.isSymbolicLink(prefix) || (Files.exists(prefix) && !Files.isDirectory(prefix))) {
      throw EnvxException.input("`" + prefix + "` is not a directory", null, "choose another prefix");
    }
    if (Files.isDirectory(prefix) && !Files.isDirectory(prefix.resolve("conda-meta"))) {
      try (var s = Files.list(prefix)) {
        if (s.findAny().isPresent()) {
          throw EnvxException.input("`" + prefix + "` exists and is not an environment (it has no conda-meta)",
              null, "choose an empty or new directory as the prefix");
        }
      }
    }
  }

  private Map<LockedPackage, Path> fetchAll(InstallPlan plan) throws IOException {
    List<InstallPlan.Link> links = plan.steps(InstallPlan.Link.class);
    Map<LockedPackage, Path> out = new HashMap<>();
    progress.phase("fetch", links.size());
    long expected = 0;
    Set<LockedPackage> downloads = new HashSet<>();
    for (InstallPlan.Download d : plan.steps(InstallPlan.Download.class)) {
      downloads.add(d.pkg());
    }
    for (InstallPlan.Link l : links) {
      long size = size(l.pkg());
      expected += downloads.contains(l.pkg()) && !l.pkg().location().orElse("").startsWith("file:") && size > 0
          ? size : 0;
    }
    progress.downloading(expected);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, links.size())));
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (InstallPlan.Link l : links) {
        futures.add(pool.submit(() -> {
          Transport.Bytes bytes = (b, total) -> progress.transferred(l.label(), b,
              total > 0 ? total : size(l.pkg()));
          Path p = l.pkg() instanceof LockedPackage.Conda c ? cache.conda(c, bytes)
              : cache.wheel((LockedPackage.Pypi) l.pkg(), bytes);
          progress.done(l.label());
          return p;
        }));
      }
      for (int i = 0; i < links.size(); i++) {
        out.put(links.get(i).pkg(), get(futures.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static long size(LockedPackage p) {
    return p instanceof LockedPackage.Conda c ? c.size() : ((LockedPackage.Pypi) p).size();
  }

  private static Path get(Future<Path> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(c);
    }
  }

  private static void build(InstallPlan plan, Path stage, Map<LockedPackage, Path> fetched, Probe probe,
      Progress progress) throws IOException {
    Path prefix = plan.prefix();
    Set<String> dropped = new HashSet<>();
    for (InstallPlan.Unlink u : plan.steps(InstallPlan.Unlink.class)) {
      dropped.addAll(u.pkg().files());
      if (u.pkg() instanceof Installed.Conda c) {
        dropped.add("conda-meta/" + c.record());
      } else if (u.pkg() instanceof Installed.Wheel w) {
        dropped.add(w.distInfo());
      }
    }
    Set<String> skipped = new HashSet<>(dropped);
    skipped.add("conda-meta/history"); // rewritten below, never appended through a shared hardlink
    skipped.add("conda-meta/" + PrefixStateFile.NAME); // written anew below
    if (Files.isDirectory(prefix)) {
      cloneInto(prefix, stage, skipped);
    }
    Path meta = stage.resolve("conda-meta");
    Files.createDirectories(meta);
    List<String> added = new ArrayList<>();
    progress.phase("link", plan.steps(InstallPlan.Link.class).size());
    for (InstallPlan.Link l : plan.steps(InstallPlan.Link.class)) {
      LockedPackage p = l.pkg();
      Path source = fetched.get(p);
      if (p instanceof LockedPackage.Conda c) {
        Map<String, Object> record = CondaLinker.link(source, c, stage, prefix, plan.python());
        AtomicFiles.writeString(meta.resolve(c.dist() + ".json"), Json.write(record));
        added.add("+" + (c.channel() == null ? "" : channelName(c.channel()) + "/" + c.subdir().subdir() + "::")
            + c.dist());
      } else {
        Wheels.install(source, (LockedPackage.Pypi) p, stage, prefix, plan.python());
        added.add("+pypi::" + InstallPlan.label(p));
      }
      probe.linked(stage, p);
      progress.done(l.label());
    }
    pruneEmptyParents(stage, dropped);
    writeHistory(prefix, meta, plan, added);
    PrefixStateFile.write(PrefixState.readRecords(stage)); // swapped in with the environment it describes
  }

  private static String channelName(String channel) {
    String c = channel.endsWith("/") ? channel.substring(0, channel.length() - 1) : channel;
    return c.substring(c.lastIndexOf('/') + 1);
  }

  private static void writeHistory(Path prefix, Path meta, InstallPlan plan, List<String> added)
      throws IOException {
    Path old = prefix.resolve("conda-meta/history");
    StringBuilder sb = new StringBuilder();
    if (Files.isRegularFile(old)) {
      sb.append(Files.readString(old, StandardCharsets.UTF_8));
    }
    sb.append("==> ").append(LocalDateTime.now().format(HISTORY)).append(" <==\n");
    sb.append("# cmd: envx install\n");
    for (InstallPlan.Unlink u : plan.steps(InstallPlan.Unlink.class)) {
      sb.append('-').append(u.pkg() instanceof Installed.Wheel ? "pypi::" : "").append(u.pkg().label()).append('\n');
    }
    added.forEach(a -> sb.append(a).append('\n'));
    Files.createDirectories(meta);
    Path history = meta.resolve("history");
    Files.deleteIfExists(history);
    Files.writeString(history, sb.toString());
  }

  /** Hardlinks the current prefix into the stage (links recreated, dirs made), leaving out dropped paths. */
  private static void cloneInto(Path prefix, Path stage, Set<String> dropped) throws IOException {
    Files.walkFileTree(prefix, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String rel = prefix.relativize(dir).toString();
        if (!rel.isEmpty() && dropped.contains(rel)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(stage.resolve(rel));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = prefix.relativize(file).toString();
        if (dropped.contains(rel)) {
          return FileVisitResult.CONTINUE;
        }
        Path dest = stage.resolve(rel);
        if (attrs.isSymbolicLink()) {
          Files.createSymbolicLink(dest, Files.readSymbolicLink(file));
        } else {
          try {
            Files.createLink(dest, file);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void pruneEmptyParents(Path stage, Set<String> dropped) throws IOException {
    for (String rel : dropped) {
      Path dir = stage.resolve(rel).getParent();
      while (dir != null && !dir.equals(stage) && dir.startsWith(stage)) {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          break;
        }
        dir = dir.getParent();
      }
    }
  }

  private static void commit(Path prefix, Path stage) throws IOException {
    Path journal = sibling(prefix, "journal");
    Path old = sibling(prefix, "old");
    AtomicFiles.writeString(journal, "envx install journal v1\ncommit " + stage.getFileName() + "\n");
    if (Files.exists(prefix)) {
      Files.move(prefix, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(stage, prefix, StandardCopyOption.ATOMIC_MOVE);
    try {
      PackageCache.deleteTree(old);
    } catch (UncheckedIOException | IOException e) {
      // the new environment is in place; recover() removes the rest next time
    }
    Files.deleteIfExists(journal);
  }
}
