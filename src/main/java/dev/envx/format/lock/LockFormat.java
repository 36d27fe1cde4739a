package dev.envx.format.lock;

import java.util.Locale;
import java.util.Optional;

/** The lockfile formats envx reads and writes, with the newest version of each it knows. */
public enum LockFormat {
  /** conda-lock's unified {@code conda-lock.yml}, {@code version: 1} (conda-lock 2.x and 3.x). */
  CONDA_LOCK("conda-lock", "conda-lock.yml", "1"),
  /** pixi's {@code pixi.lock} (the rattler lock format): read v4–v7, written as v6. */
  PIXI("pixi", "pixi.lock", "6"),
  /** PEP 751 {@code pylock.toml}, lock-version 1.0: the PyPI part only. */
  PYLOCK("pylock", "pylock.toml", "1.0"),
  /** CEP 23 {@code @EXPLICIT} files, one per platform: the conda part only. */
  EXPLICIT("explicit", "conda-linux-64.lock", null),
  /** The mambajs JSON lock micromamba and mambajs write, one per platform ({@code lockVersion} 1.0.x). */
  MAMBAJS("mambajs", "env-lock-linux-64.json", "1.0.1");

  private final String label;
  private final String defaultFileName;
  private final String writtenVersion;

  LockFormat(String label, String defaultFileName, String writtenVersion) {
    this.label = label;
    this.defaultFileName = defaultFileName;
    this.writtenVersion = writtenVersion;
  }

  /** The name users type: {@code conda-lock}, {@code pixi}, {@code pylock}, {@code explicit}, {@code mambajs}. */
  public String label() {
    return label;
  }

  public String defaultFileName() {
    return defaultFileName;
  }

  /** The format version envx writes, or null for a format without one. */
  public String writtenVersion() {
    return writtenVersion;
  }

  public static Optional<LockFormat> fromLabel(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (LockFormat f : values()) {
      if (f.label.equals(t)) {
        return Optional.of(f);
      }
    }
    return switch (t) {
      case "conda-lock.yml", "condalock" -> Optional.of(CONDA_LOCK);
      case "pixi.lock", "rattler" -> Optional.of(PIXI);
      case "pylock.toml", "pep751" -> Optional.of(PYLOCK);
      case "@explicit" -> Optional.of(EXPLICIT);
      case "micromamba", "mambajs-json", "json" -> Optional.of(MAMBAJS);
      default -> Optional.empty();
    };
  }

  /** The format a file name suggests ({@code pixi.lock}, {@code pylock.*.toml}, {@code *.lock} …), if any. */
  public static Optional<LockFormat> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.equals("pixi.lock")) {
      return Optional.of(PIXI);
    }
    if (n.endsWith(".toml") && n.startsWith("pylock")) {
      return Optional.of(PYLOCK);
    }
    if (n.endsWith(".json") && n.contains("lock")) {
      return Optional.of(MAMBAJS);
    }
    if (n.endsWith(".yml") || n.endsWith(".yaml")) {
      return Optional.of(CONDA_LOCK);
    }
    if (n.endsWith(".lock") || n.endsWith(".txt")) {
      return Optional.of(EXPLICIT);
    }
    return Optional.empty();
  }

  /**
   * The format of a lockfile's text: a JSON object with {@code "lockVersion"} (mambajs), {@code @EXPLICIT} on a
   * line, a TOML {@code lock-version}, a YAML {@code environments:} (pixi) or {@code package:} (conda-lock) key;
   * {@code fallback} when nothing tells.
   */
  public static LockFormat sniff(String text, LockFormat fallback) {
    if (text.stripLeading().startsWith("{") && text.contains("\"lockVersion\"")) {
      return MAMBAJS;
    }
    boolean pixiKeys = false;
    boolean condaLockKeys = false;
    boolean first = true;
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (first && !l.isEmpty() && !l.startsWith("#")) {
        first = false;
        if (l.matches("(?i)(https?|file)://\\S+")) {
          return EXPLICIT; // conda-lock's URL lists without the marker line
        }
      }
      if (l.equals("@EXPLICIT")) {
        return EXPLICIT;
      }
      if (l.startsWith("lock-version")) {
        return PYLOCK;
      }
      if (line.startsWith("environments:") || line.startsWith("packages:")) {
        pixiKeys = true;
      }
      if (line.startsWith("package:") || line.startsWith("metadata:")) {
        condaLockKeys = true;
      }
    }
    if (pixiKeys != condaLockKeys) {
      return pixiKeys ? PIXI : CONDA_LOCK;
    }
    return fallback;
  }
}
