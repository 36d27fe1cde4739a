package dev.envx.migrate;

import dev.envx.diag.EnvxException;
import dev.envx.io.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** The repository side of {@code envx migrate}, through jgit: open or clone, read the sources, commit on a branch. */
public final class Repository implements AutoCloseable {
  private final Path root;
  private final Git git;

  private Repository(Path root, Git git) {
    this.root = root;
    this.git = git;
  }

  /** A folder, and its git repository when it is the root of one (else null: nothing can be committed). */
  public static Repository open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw EnvxException.input("`" + dir + "` is not a folder", null, "pass a repository folder or a git URL");
    }
    Git git = null;
    if (Files.exists(dir.resolve(".git"))) {
      try {
        git = Git.open(dir.toFile());
      } catch (IOException e) {
        throw EnvxException.input("`" + dir + "` is not a readable git repository: " + e.getMessage(), null);
      }
    }
    return new Repository(dir, git);
  }

  /** Clones {@code url} into {@code into}, which must not exist. */
  public static Repository cloneInto(String url, Path into) {
    if (Files.exists(into)) {
      throw EnvxException.input("`" + into + "` exists", null, "migrate it as a folder, or remove it first");
    }
    try {
      Git git = Git.cloneRepository().setURI(url).setDirectory(into.toFile()).setDepth(1).call();
      return new Repository(into, git);
    } catch (GitAPIException | RuntimeException e) {
      throw EnvxException.failure("cannot clone `" + url + "`: " + e.getMessage());
    }
  }

  /** Whether a URL or path names a remote repository to clone. */
  public static boolean isUrl(String s) {
    return s.matches("^(https?|git|ssh|file)://.*") || s.matches("^[\\w.-]+@[\\w.-]+:.*");
  }

  public Path root() {
    return root;
  }

  public boolean isGit() {
    return git != null;
  }

  /** The dependency files and the files they may include (text files under 1 MiB, two levels deep). */
  public Sources sources() {
    Map<String, String> texts = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(root, 2)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith(".git/")) {
          continue;
        }
        boolean wanted = Sources.kindOf(rel) != null || rel.endsWith(".txt") || rel.endsWith(".in");
        if (wanted && Files.size(p) < (1 << 20)) {
          texts.put(rel, TextFiles.readUtf8(p));
        }
      }
    } catch (IOException e) {
      throw EnvxException.cannotRead(root, e);
    }
    return new Sources(texts);
  }

  /** Uncommitted changes (tracked or untracked files), empty when clean or not a git repository. */
  public Set<String> dirty() {
    if (git == null) {
      return Set.of();
    }
    try {
      Status st = git.status().call();
      java.util.Set<String> out = new java.util.TreeSet<>(st.getUncommittedChanges());
      out.addAll(st.getUntracked());
      return out;
    } catch (GitAPIException e) {
      throw EnvxException.failure("cannot read the git status of `" + root + "`: " + e.getMessage());
    }
  }

  /** The current branch, or null. */
  public String branch() {
    try {
      return git == null ? null : git.getRepository().getBranch();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Creates {@code branch} from HEAD, checks it out and commits {@code file} on it (only that file).
   *
   * @return the new commit's id
   */
  public String commitOnNewBranch(String branch, String file, String message) {
    return commitOnNewBranch(branch, List.of(file), message);
  }

  /** As above, for several files (paths relative to the work tree, {@code /}-separated): only these go in. */
  public String commitOnNewBranch(String branch, List<String> files, String message) {
    requireNewBranch(branch);
    try {
      git.checkout().setCreateBranch(true).setName(branch).call();
      var add = git.add();
      var commit = git.commit();
      for (String f : files) {
        add.addFilepattern(f);
        commit.setOnly(f);
      }
      add.call();
      RevCommit c = commit.setMessage(message).call(); // the user's git identity
      return c.getId().name();
    } catch (GitAPIException e) {
      throw EnvxException.failure("cannot commit on `" + branch + "`: " + e.getMessage());
    }
  }

  /** Refuses, before anything is written, a branch that exists (the current one included) or a non-repository. */
  public void requireNewBranch(String branch) {
    if (git == null) {
      throw EnvxException.input("`" + root + "` is not a git repository", null, "drop `--commit`, or `git init` it");
    }
    try {
      if (git.getRepository().findRef("refs/heads/" + branch) != null) {
        throw EnvxException.input("branch `" + branch + "` exists" + (branch.equals(branch()) ? " (it is the current "
            + "branch)" : ""), null, "pass another `--branch NAME`; envx never commits on an existing branch");
      }
    } catch (IOException e) {
      throw EnvxException.failure("cannot read the branches of `" + root + "`: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (git != null) {
      git.close();
    }
  }
}
