package dev.envx.cli;

import dev.envx.io.TabEscapes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Builds envx's picocli command lines. The annotations on the command classes are the one description of the
 * CLI, but reading them at run time is slow: each annotation type the JDK parses gets a dynamic proxy class
 * generated (interpreted, and a JDK 25 AOT cache cannot archive them), which cost every envx run about 80 ms of
 * CPU. So the build ({@link CommandModelWriter}, {@code process-classes}) records the annotations of every command
 * class, mixin and argument group in {@link #RESOURCE}, and this class replays picocli's own annotation
 * processing ({@code CommandSpec.forAnnotatedObject}) over those recorded values: picocli's builders get
 * {@link AnnotationLiteral}s instead of proxies, and fields are bound by name.
 *
 * <p>The descriptor is used only for classes whose bytes are those it was made from (a CRC-32 per class, checked
 * when the class is first used, or once for the whole jar by {@link #writeVerified}) and for the picocli version
 * it was made with; anything else (no descriptor, as in an IDE run that skipped {@code process-classes}, a
 * recompiled class, a damaged file) builds the command with picocli's reflection, as before.
 */
final class CommandModel {
  /** The build's descriptor, a class-path resource. */
  static final String RESOURCE = "dev/envx/cli/commands.model";
  static final String MAGIC = "envx-command-model";
  static final String FORMAT = "1";
  /** The annotation types picocli reads, by the simple name the descriptor uses. */
  static final List<Class<? extends Annotation>> TYPES = List.of(Command.class, Option.class, Parameters.class,
      ArgGroup.class, Mixin.class, Spec.class, ParentCommand.class, Unmatched.class);

  private final Descriptor descriptor;
  private final boolean strict;

  private CommandModel(Descriptor descriptor, boolean strict) {
    this.descriptor = descriptor;
    this.strict = strict;
  }

  /** picocli's reflection over the annotations, always. */
  static CommandModel annotations() {
    return new CommandModel(null, false);
  }

  /** The descriptor in the jar (or class path), else {@link #annotations()}. */
  static CommandModel embedded() {
    ClassLoader loader = CommandModel.class.getClassLoader();
    Map<Path, ZipFile> jars = new HashMap<>();
    try {
      // start-up: read from the jar envx runs from directly, not through the class loader's resource URLs, and as
      // a zip file: a JarFile reads the manifest too, to know whether the jar is multi-release (the descriptor and
      // envx's and picocli's classes are never versioned entries)
      Path location = location(CommandModel.class);
      String verified = System.getProperty(VERIFIED_PROPERTY);
      if (verified != null && location != null && Files.isRegularFile(location)) {
        Descriptor d = readVerified(Path.of(verified), location, loader);
        if (d != null) {
          return new CommandModel(d, false);
        }
      }
      byte[] bytes = null;
      if (location != null && Files.isDirectory(location)) {
        Path file = location.resolve(RESOURCE);
        bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      } else if (location != null) {
        ZipFile jar = new ZipFile(location.toFile());
        jars.put(location, jar);
        ZipEntry e = jar.getEntry(RESOURCE);
        if (e != null) {
          try (InputStream in = jar.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
        }
      } else {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
          bytes = in == null ? null : in.readAllBytes();
        }
      }
      Descriptor d = bytes == null ? null : Descriptor.parse(new String(bytes, StandardCharsets.UTF_8), loader, jars);
      if (d == null) {
        close(jars);
      }
      return new CommandModel(d, false);
    } catch (IOException | RuntimeException e) {
      close(jars);
      return annotations();
    }
  }

  /**
   * The system property naming the file that records a descriptor checked against the jar envx runs from
   * ({@link #writeVerified}); {@code scripts/envx} keeps it beside its start-up caches and writes it when it
   * trains them.
   */
  static final String VERIFIED_PROPERTY = "envx.verified-command-model";
  static final String VERIFIED_MAGIC = "envx-verified-command-model";

  /**
   * Checks the descriptor in the jar envx runs from against every class it names (each class's CRC-32, as
   * {@link Descriptor#entry} would one by one) and records it in {@code out} with the jar's path, size,
   * modification time and file key. A later run that finds the jar so reads the descriptor from {@code out} and
   * need not open the jar at all (its central directory has ~9,000 entries: ~13 ms of every command's start). It
   * is the trust the start-up cache already has: the JVM keys that by the jar's size and time. Writes nothing,
   * and removes an older {@code out}, when envx does not run from a jar or a class does not match.
   */
  static boolean writeVerified(Path out) throws IOException {
    Path jar = location(CommandModel.class);
    return jar != null && Files.isRegularFile(jar) && writeVerified(jar, out, CommandModel.class.getClassLoader());
  }

  static boolean writeVerified(Path jar, Path out, ClassLoader loader) throws IOException {
    String before = identity(jar);
    Map<Path, ZipFile> jars = new HashMap<>();
    try {
      ZipFile zip = new ZipFile(jar.toFile());
      jars.put(jar, zip);
      ZipEntry e = zip.getEntry(RESOURCE);
      String text = null;
      if (e != null) {
        try (InputStream in = zip.getInputStream(e)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Descriptor d = text == null ? null : Descriptor.parse(text, loader, jars);
      if (d == null || !d.describesAll(jar) || !before.equals(identity(jar))) {
        Files.deleteIfExists(out);
        return false;
      }
      Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName() + ".", ".tmp");
      try {
        Files.writeString(tmp, VERIFIED_MAGIC + "\t" + FORMAT + "\t" + before + "\n" + text);
        try { // readable like the jar and the start-up caches beside it (a temporary file is the owner's only)
          Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the directory's permissions apply
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return true;
    } finally {
      close(jars);
    }
  }

  /** The jar's path, size, modification time and file key, tab-separated (what a verified file is keyed by). */
  static String identity(Path jar) throws IOException {
    java.nio.file.attribute.BasicFileAttributes a =
        Files.readAttributes(jar, java.nio.file.attribute.BasicFileAttributes.class);
    // the time in nanoseconds, not FileTime.toString: that initialises java.time (~2 ms at start-up)
    return TabEscapes.escape(jar.toString()) + "\t" + a.size() + "\t"
        + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + "\t"
        + TabEscapes.escape(String.valueOf(a.fileKey()));
  }

  /** The descriptor {@code file} records as checked against {@code jar} as it is now, else null. */
  static Descriptor readVerified(Path file, Path jar, ClassLoader loader) {
    try {
      String all = Files.readString(file);
      String head = VERIFIED_MAGIC + "\t" + FORMAT + "\t" + identity(jar) + "\n";
      if (!all.startsWith(head)) {
        return null;
      }
      Descriptor d = Descriptor.parse(all.substring(head.length()), loader, new HashMap<>());
      return d == null ? null : d.verifiedIn(jar);
    } catch (IOException | RuntimeException e) { // none, unreadable, not UTF-8: the jar is read instead
      return null;
    }
  }

  private static void close(Map<Path, ZipFile> jars) {
    for (ZipFile j : jars.values()) {
      try {
        j.close();
      } catch (IOException ignored) {
        // opened to read only
      }
    }
  }

  /** The directory or jar the class was loaded from, or null when it is not a local file. */
  static Path location(Class<?> c) {
    java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The descriptor {@code text}, else (not a whole descriptor of this format made with this picocli: the first
   * line's checksum covers the rest) {@link #annotations()}.
   */
  static CommandModel of(String text, ClassLoader loader) {
    return new CommandModel(Descriptor.parse(text, loader, new HashMap<>()), false);
  }

  /** The descriptor {@code text} and nothing else: {@link Stale} where it does not describe a class (checks, tests). */
  static CommandModel strict(String text, ClassLoader loader) {
    Descriptor d = Descriptor.parse(text, loader, new HashMap<>());
    if (d == null) {
      throw new Stale("not a command model descriptor of format " + FORMAT + " for picocli " + CommandLine.VERSION);
    }
    return new CommandModel(d, true);
  }

  /** Whether commands can come from a descriptor (its classes are still checked when used). */
  boolean hasDescriptor() {
    return descriptor != null;
  }

  /** {@code new CommandLine(command, factory)}, from the descriptor when it describes these classes. */
  CommandLine commandLine(Object command, IFactory factory) {
    if (descriptor != null) {
      try {
        return new CommandLine(new Build(descriptor).spec(command, factory), factory);
      } catch (Stale e) {
        if (strict) {
          throw e;
        }
        // a class changed since the build wrote the descriptor: picocli reads the annotations itself
      }
    }
    return new CommandLine(command, factory);
  }

  /** The descriptor does not describe a class as it is now. */
  static final class Stale extends RuntimeException {
    Stale(String message) {
      super(message, null, false, false);
    }
  }

  /** Class names as recorded ({@link Class#getName()}), resolved once per model. */
  static final class Classes {
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "byte", byte.class,
        "char", char.class, "short", short.class, "int", int.class, "long", long.class, "float", float.class,
        "double", double.class, "void", void.class);
    private final ClassLoader loader;
    private final Map<String, Class<?>> resolved = new HashMap<>();

    Classes(ClassLoader loader) {
      this.loader = loader;
    }

    Class<?> get(String name) {
      Class<?> c = resolved.get(name);
      if (c == null) {
        c = PRIMITIVES.get(name);
        if (c == null) {
          try {
            c = Class.forName(name, false, loader);
          } catch (ClassNotFoundException e) {
            throw new InitializationException("command model: no class " + name, e);
          }
        }
        resolved.put(name, c);
      }
      return c;
    }
  }

  /** One class's recorded annotations: its {@code @Command} (or null) and its annotated fields in order. */
  record ClassEntry(AnnotationLiteral command, List<FieldEntry> fields) {}

  record FieldEntry(String name, Map<Class<? extends Annotation>, AnnotationLiteral> annotations) {}

  /** The parsed descriptor: defaults per annotation type, and each class's section, parsed when first used. */
  static final class Descriptor {
    private final String text;
    private final Classes classes;
    private final Map<String, Map<String, String[]>> defaults;
    private final Map<String, int[]> sections; // class name -> [start, end) of its lines in text
    private final Map<String, String> crcs;
    private final String helpMixinKey;
    private final String helpMixinClass;
    private final Map<Class<?>, ClassEntry> entries = new HashMap<>();
    private final Map<Path, ZipFile> jars; // open while the model lives: read only
    /** The jar every described class was checked against ({@link #writeVerified}), or null. */
    private final Path verifiedJar;

    private Descriptor(String text, Classes classes, Map<String, Map<String, String[]>> defaults,
        Map<String, int[]> sections, Map<String, String> crcs, String helpMixinKey, String helpMixinClass,
        Map<Path, ZipFile> jars, Path verifiedJar) {
      this.jars = jars;
      this.verifiedJar = verifiedJar;
      this.text = text;
      this.classes = classes;
      this.defaults = defaults;
      this.sections = sections;
      this.crcs = crcs;
      this.helpMixinKey = helpMixinKey;
      this.helpMixinClass = helpMixinClass;
    }

    /** The descriptor, or null when {@code text} is not one of this format made with this picocli. */
    static Descriptor parse(String text, ClassLoader loader, Map<Path, ZipFile> jars) {
      Map<String, Map<String, String[]>> defaults = new HashMap<>();
      Map<String, int[]> sections = new HashMap<>();
      Map<String, String> crcs = new HashMap<>();
      String helpKey = null;
      String helpClass = null;
      int pos = 0;
      String open = null;
      int openStart = 0;
      boolean header = false;
      try {
        while (pos < text.length()) {
          int end = text.indexOf('\n', pos);
          if (end < 0) {
            return null; // every line ends with a newline: a cut file
          }
          // start-up: only the header, class, default and helpMixin lines are cut out; the ~600 lines of the
          // class sections are parsed when their class is first used
          if (!header) {
            String[] f = fields(text.substring(pos, end));
            if (f.length != 5 || !f[0].equals(MAGIC) || !f[1].equals(FORMAT) || !f[2].equals("picocli")
                || !f[3].equals(CommandLine.VERSION) || !f[4].equals(crc(text.substring(end + 1)))) {
              return null;
            }
            header = true;
          } else if (text.startsWith("class\t", pos)) {
            if (open != null) {
              sections.put(open, new int[] {openStart, pos});
            }
            String[] f = fields(text.substring(pos, end));
            open = f[1];
            crcs.put(open, f[2]);
            openStart = end + 1;
          } else if (open == null && text.startsWith("default\t", pos)) {
            String[] f = fields(text.substring(pos, end));
            defaults.computeIfAbsent(f[1], k -> new HashMap<>()).put(f[2], java.util.Arrays.copyOfRange(f, 3,
                f.length));
          } else if (open == null && text.startsWith("helpMixin\t", pos)) {
            String[] f = fields(text.substring(pos, end));
            helpKey = f[1];
            helpClass = f[2];
          } else if (end - pos == 3 && text.startsWith("end", pos)) {
            if (open != null) {
              sections.put(open, new int[] {openStart, pos});
            }
            return new Descriptor(text, new Classes(loader), defaults, sections, crcs, helpKey, helpClass, jars,
                null);
          }
          pos = end + 1;
        }
      } catch (RuntimeException e) { // a malformed line (a bad escape, a missing field)
        return null;
      }
      return null; // no `end` line: a cut file
    }

    private static String[] fields(String line) {
      String[] f = line.split("\t", -1);
      for (int i = 0; i < f.length; i++) {
        f[i] = TabEscapes.unescape(f[i]);
      }
      return f;
    }

    /** This descriptor, known to describe every class it names as {@code jar} holds them. */
    Descriptor verifiedIn(Path jar) {
      return new Descriptor(text, classes, defaults, sections, crcs, helpMixinKey, helpMixinClass, jars, jar);
    }

    /** Whether every class named here is loaded from {@code jar} with the recorded CRC-32. */
    boolean describesAll(Path jar) {
      for (String name : sections.keySet()) {
        Class<?> c;
        try {
          c = classes.get(name);
        } catch (InitializationException e) {
          return false;
        }
        if (!jar.equals(location(c)) || !crcs.get(name).equals(crc(c, jars))) {
          return false;
        }
      }
      return true;
    }

    /** The class's recorded annotations; {@link Stale} when it is not described or its bytes changed. */
    ClassEntry entry(Class<?> c) {
      ClassEntry e = entries.get(c);
      if (e == null) {
        String name = c.getName();
        int[] range = sections.get(name);
        if (range == null) {
          throw new Stale("not in the command model: " + name);
        }
        boolean checked = verifiedJar != null && verifiedJar.equals(location(c));
        if (!checked && !crcs.get(name).equals(crc(c, jars))) {
          throw new Stale("changed since the command model was written: " + name);
        }
        try {
          e = parseSection(text.substring(range[0], range[1]));
        } catch (RuntimeException ex) { // a malformed line the file's checksum did not catch
          throw new Stale("damaged command model section for " + name + ": " + ex.getMessage());
        }
        entries.put(c, e);
      }
      return e;
    }

    private ClassEntry parseSection(String section) {
      AnnotationLiteral command = null;
      List<FieldEntry> fields = new ArrayList<>();
      Map<Class<? extends Annotation>, AnnotationLiteral> target = null; // the current field's, or null: the class
      Map<String, String[]> values = null;
      for (String line : section.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = fields(line);
        switch (f[0]) {
          case "field" -> {
            target = new LinkedHashMap<>();
            fields.add(new FieldEntry(f[1], target));
          }
          case "@" -> {
            Class<? extends Annotation> type = type(f[1]);
            values = new HashMap<>();
            AnnotationLiteral literal = new AnnotationLiteral(type, values, defaults.getOrDefault(f[1], Map.of()),
                classes);
            if (target == null) {
              command = literal;
            } else {
              target.put(type, literal);
            }
          }
          case "=" -> values.put(f[1], java.util.Arrays.copyOfRange(f, 2, f.length));
          default -> throw new InitializationException("command model: unknown line `" + line + "`");
        }
      }
      return new ClassEntry(command, List.copyOf(fields));
    }

    private static Class<? extends Annotation> type(String simpleName) {
      for (Class<? extends Annotation> t : TYPES) {
        if (t.getSimpleName().equals(simpleName)) {
          return t;
        }
      }
      throw new InitializationException("command model: unknown annotation @" + simpleName);
    }

    /**
     * picocli's own type inference for a field, {@code RuntimeTypeInfo.create}: package-private in picocli, so
     * called through {@link picocli.EnvxTypeInfo}, compiled into picocli's package with it.
     */
    ITypeInfo typeInfo(Class<?> type, Class<?>[] annotationTypes, Type genericType, Range arity, Class<?> defaultType,
        boolean interactive) {
      return picocli.EnvxTypeInfo.create(type, annotationTypes, genericType, arity, defaultType, interactive);
    }
  }

  /** The CRC-32 of the descriptor's text after its first line, as its first line records it. */
  static String crc(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  /** The CRC-32 of the class file the class was loaded from, as the descriptor records it. */
  static String crc(Class<?> c) {
    Map<Path, ZipFile> jars = new HashMap<>();
    try {
      return crc(c, jars);
    } finally {
      close(jars);
    }
  }

  /**
   * The class file's CRC-32: from a jar, the one its central directory records (nothing is inflated: start-up),
   * from a directory, of the file's bytes; {@code jars} keeps the jars opened.
   */
  static String crc(Class<?> c, Map<Path, ZipFile> jars) {
    String resource = c.getName().replace('.', '/') + ".class";
    Path location = location(c);
    if (location == null) {
      return "unknown location";
    }
    try {
      if (Files.isDirectory(location)) {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(location.resolve(resource)));
        return Long.toHexString(crc.getValue());
      }
      ZipFile jar = jars.get(location);
      if (jar == null) {
        jar = new ZipFile(location.toFile());
        jars.put(location, jar);
      }
      ZipEntry e = jar.getEntry(resource);
      return e == null || e.getCrc() < 0 ? "none" : Long.toHexString(e.getCrc());
    } catch (IOException | RuntimeException e) {
      return "unreadable";
    }
  }

  /**
   * One command tree built from the descriptor: what picocli's {@code CommandReflection.extractCommandSpec} does
   * for an annotated object, with the recorded annotations (picocli 4.7.7; the generator checks that the result
   * equals picocli's own model for every envx command).
   */
  private static final class Build {
    private final Descriptor d;

    Build(Descriptor d) {
      this.d = d;
    }

    CommandSpec spec(Object command, IFactory f) {
      CommandSpec result = CommandSpec.wrapWithoutInspection(command, f);
      Scope scope = new Scope(command);
      boolean standardHelp = false;
      for (Class<?> c : hierarchy(command.getClass())) {
        ClassEntry e = d.entry(c);
        Command cmd = e.command();
        if (cmd != null) {
          result.updateCommandAttributes(cmd, f);
          injectSpecIntoVersionProvider(result, cmd);
          standardHelp |= cmd.mixinStandardHelpOptions();
          for (Class<?> sub : cmd.subcommands()) {
            Object instance = create(f, sub);
            CommandLine subLine = new CommandLine(spec(instance, f), f);
            result.addSubcommand(d.entry(sub).command().name(), subLine);
          }
        }
        members(c, scope, e, result, null, f);
      }
      if (standardHelp) {
        standardHelpOptions(result);
      }
      // picocli's updateArgSpecMessages
      for (OptionSpec o : result.options()) {
        o.messages(result.usageMessage().messages());
      }
      for (PositionalParamSpec p : result.positionalParameters()) {
        p.messages(result.usageMessage().messages());
      }
      for (ArgGroupSpec g : result.argGroups()) {
        g.messages(result.usageMessage().messages());
      }
      return result;
    }

    private void members(Class<?> c, Scope scope, ClassEntry e, CommandSpec spec, ArgGroupSpec.Builder group,
        IFactory f) {
      for (FieldEntry fe : e.fields()) {
        Member m = new Member(declared(c, fe.name()), scope, fe.annotations(), d);
        if (m.isMixin()) {
          CommandSpec mixin = mixin(m, f);
          spec.addMixin(m.getMixinName(), mixin, m);
          for (IAnnotatedElement specElement : mixin.specElements()) {
            if (specElement.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
              try {
                specElement.setter().set(spec);
              } catch (Exception ex) {
                throw new InitializationException("Could not inject MIXEE spec", ex);
              }
            }
          }
        }
        if (m.isArgGroup()) {
          ArgGroupSpec g = argGroup(m, spec, f);
          if (group != null) {
            group.addSubgroup(g);
          } else {
            spec.addArgGroup(g);
          }
          continue;
        }
        if (m.isOption() || m.isParameter()) {
          var arg = m.isOption() ? OptionSpec.builder(m, f).build() : PositionalParamSpec.builder(m, f).build();
          if (group != null) {
            group.addArg(arg);
          } else {
            spec.add(arg);
          }
        }
        if (m.isSpec()) {
          if (group != null) {
            group.addSpecElement(m);
          } else {
            spec.addSpecElement(m);
            if (m.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
              m.binding.set(spec);
            }
          }
        }
        if (m.isParentCommand()) {
          spec.addParentCommandElement(m);
        }
      }
    }

    private CommandSpec mixin(Member m, IFactory f) {
      Object userObject;
      try {
        userObject = m.binding.get();
        if (userObject == null) {
          userObject = create(f, m.getTypeInfo().getType());
          m.binding.set(userObject);
        }
      } catch (InitializationException ex) {
        throw ex;
      } catch (RuntimeException ex) {
        throw new InitializationException("Could not access or modify mixin member " + m + ": " + ex, ex);
      }
      return spec(userObject, f).withToString(m.getToString());
    }

    private ArgGroupSpec argGroup(Member m, CommandSpec spec, IFactory f) {
      Object instance = null;
      try {
        instance = m.binding.get();
      } catch (RuntimeException ignored) {
        // as picocli: no instance yet
      }
      Class<?> cls = instance == null ? m.getTypeInfo().getType() : instance.getClass();
      if (m.isMultiValue()) {
        cls = m.getTypeInfo().getAuxiliaryTypes()[0];
      }
      Scope scope = new Scope(instance);
      ArgGroupSpec.Builder builder = ArgGroupSpec.builder(m);
      builder.updateArgGroupAttributes(m.getAnnotation(ArgGroup.class));
      for (Class<?> c : hierarchy(cls)) {
        members(c, scope, d.entry(c), spec, builder, f);
      }
      return builder.build();
    }

    private void injectSpecIntoVersionProvider(CommandSpec result, Command cmd) {
      if (result.versionProvider() == null) {
        return;
      }
      Scope scope = new Scope(result.versionProvider());
      for (FieldEntry fe : d.entry(cmd.versionProvider()).fields()) {
        if (fe.annotations().size() == 1 && fe.annotations().containsKey(Spec.class)) {
          Member m = new Member(declared(cmd.versionProvider(), fe.name()), scope, fe.annotations(), d);
          result.addSpecElement(m);
          if (m.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
            m.binding.set(result);
          }
        }
      }
    }

    /** picocli's {@code CommandSpec.mixinStandardHelpOptions(true)}, with the recorded help mixin. */
    private void standardHelpOptions(CommandSpec result) {
      if (d.helpMixinClass == null || result.inherited() || result.scopeType() == CommandLine.ScopeType.INHERIT) {
        throw new Stale("standard help options not recorded for " + result.name());
      }
      IFactory picocli = CommandLine.defaultFactory();
      CommandSpec mixin = spec(create(picocli, d.classes.get(d.helpMixinClass)), picocli);
      for (String key : mixin.optionsMap().keySet()) {
        if (result.optionsMap().containsKey(key)) {
          return; // picocli adds none when one of the names is taken
        }
      }
      result.addMixin(d.helpMixinKey, mixin);
    }
  }

  static Field declared(Class<?> c, String name) {
    try {
      Field f = c.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new Stale("no field " + c.getName() + "." + name);
    }
  }

  /** The class and its superclasses, the topmost first, without {@code Object} (as picocli walks them). */
  static List<Class<?>> hierarchy(Class<?> c) {
    Deque<Class<?>> result = new ArrayDeque<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      result.addFirst(k);
    }
    return List.copyOf(result);
  }

  /** picocli's {@code DefaultFactory.create(factory, cls)}: the factory's instance, errors as picocli words them. */
  static <T> T create(IFactory factory, Class<T> cls) {
    try {
      return factory.create(cls);
    } catch (NoSuchMethodException ex) {
      throw new InitializationException("Cannot instantiate " + cls.getName() + ": the class has no constructor", ex);
    } catch (InitializationException ex) {
      throw ex;
    } catch (Exception ex) {
      throw new InitializationException("Could not instantiate " + cls + ": " + ex, ex);
    }
  }

  /** The object whose fields a member's binding reads and writes (picocli's {@code ObjectScope}). */
  static final class Scope implements IScope {
    private Object value;

    Scope(Object value) {
      this.value = value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T old = (T) this.value;
      this.value = value;
      return old;
    }

    @Override
    public String toString() {
      return String.format("Scope(value=%s)", value);
    }
  }

  /**
   * A field bound in a scope (picocli's {@code FieldBinding}, same messages). Read and written through a
   * {@link VarHandle}, not {@link Field#get}/{@link Field#set}: a field's first reflective access spins method
   * handle adapters at run time (LambdaForms that no start-up cache holds), which cost a command line with twenty
   * options ~15 ms of CPU; a VarHandle called with the erased type of its own access mode links to the JDK's
   * pre-generated guards. Final fields (which a VarHandle does not write) keep reflection.
   */
  static final class FieldBinding implements IGetter, ISetter, IScoped {
    private final IScope scope;
    private final Field field;
    private final VarHandle handle; // null: reflection

    FieldBinding(IScope scope, Field field) {
      this.scope = scope;
      this.field = field;
      this.handle = handle(field);
    }

    private static VarHandle handle(Field field) {
      int modifiers = field.getModifiers();
      if (Modifier.isFinal(modifiers) || Modifier.isStatic(modifiers)) {
        return null;
      }
      try {
        return MethodHandles.privateLookupIn(field.getDeclaringClass(), MethodHandles.lookup())
            .unreflectVarHandle(field);
      } catch (IllegalAccessException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public IScope getScope() {
      return scope;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      Object obj;
      try {
        obj = scope.get();
      } catch (Exception ex) {
        throw new CommandLine.PicocliException("Could not get scope for field " + field, ex);
      }
      try {
        return (T) read(obj);
      } catch (Exception ex) {
        throw new CommandLine.PicocliException("Could not get value for field " + field, ex);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      Object obj;
      try {
        obj = scope.get();
      } catch (Exception ex) {
        throw new CommandLine.PicocliException("Could not get scope for field " + field, ex);
      }
      try {
        T result = (T) read(obj);
        write(obj, value);
        return result;
      } catch (Exception ex) {
        throw new CommandLine.PicocliException("Could not set value for field " + field + " to " + value, ex);
      }
    }

    /** The field's value, boxed; each call site has the erased type of the handle's own {@code get}. */
    private Object read(Object obj) throws IllegalAccessException {
      if (handle == null) {
        return field.get(obj);
      }
      Class<?> t = field.getType();
      if (!t.isPrimitive()) {
        return (Object) handle.get(obj);
      } else if (t == boolean.class) {
        return (boolean) handle.get(obj);
      } else if (t == int.class) {
        return (int) handle.get(obj);
      } else if (t == long.class) {
        return (long) handle.get(obj);
      } else if (t == double.class) {
        return (double) handle.get(obj);
      }
      return field.get(obj); // the other primitives
    }

    /** Sets the field as {@link Field#set} does (which also widens a primitive's box, and rejects null). */
    private void write(Object obj, Object value) throws IllegalAccessException {
      Class<?> t = field.getType();
      if (handle == null) {
        field.set(obj, value);
      } else if (!t.isPrimitive()) {
        handle.set(obj, value);
      } else if (t == boolean.class && value instanceof Boolean v) {
        handle.set(obj, (boolean) v);
      } else if (t == int.class && value instanceof Integer v) {
        handle.set(obj, (int) v);
      } else if (t == long.class && value instanceof Long v) {
        handle.set(obj, (long) v);
      } else if (t == double.class && value instanceof Double v) {
        handle.set(obj, (double) v);
      } else {
        field.set(obj, value); // other primitives, and the conversions reflection makes
      }
    }

    @Override
    public String toString() {
      return String.format("FieldBinding(%s %s.%s)", field.getType().getName(), field.getDeclaringClass().getName(),
          field.getName());
    }
  }

  /** An annotated field with its recorded annotations (picocli's {@code TypedMember} for a field). */
  static final class Member implements IAnnotatedElement, IExtensible {
    private final Field field;
    private final IScope scope;
    private final FieldBinding binding;
    private final Map<Class<? extends Annotation>, AnnotationLiteral> annotations;
    private final ITypeInfo typeInfo;

    Member(Field field, IScope scope, Map<Class<? extends Annotation>, AnnotationLiteral> annotations, Descriptor d) {
      this.field = field;
      this.scope = scope;
      this.binding = new FieldBinding(scope, field);
      this.annotations = annotations;
      Range arity = null;
      if (isOption()) {
        arity = Range.valueOf(getAnnotation(Option.class).arity());
      }
      if (isParameter()) {
        arity = Range.valueOf(getAnnotation(Parameters.class).arity());
      }
      if (arity == null || arity.isUnspecified()) {
        Class<?> type = field.getType();
        if (isOption()) {
          arity = type == boolean.class || type == Boolean.class ? Range.valueOf("0") : Range.valueOf("1");
        } else {
          arity = Range.valueOf("1");
        }
        arity = arity.unspecified(true);
      }
      Class<?>[] annotationTypes = isOption() ? getAnnotation(Option.class).type()
          : isParameter() ? getAnnotation(Parameters.class).type() : new Class<?>[0];
      this.typeInfo = d.typeInfo(field.getType(), annotationTypes, field.getGenericType(), arity,
          isOption() ? boolean.class : String.class, isInteractive());
    }

    @Override
    public Object userObject() {
      return field;
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) {
      return annotations.containsKey(annotationClass);
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
      return annotationClass.cast(annotations.get(annotationClass));
    }

    @Override
    public String getName() {
      return field.getName();
    }

    @Override
    public String getMixinName() {
      String name = getAnnotation(Mixin.class).name();
      return name == null || name.isEmpty() ? getName() : name;
    }

    @Override
    public boolean isArgSpec() {
      return isOption() || isParameter();
    }

    @Override
    public boolean isOption() {
      return annotations.containsKey(Option.class);
    }

    @Override
    public boolean isParameter() {
      return annotations.containsKey(Parameters.class);
    }

    @Override
    public boolean isArgGroup() {
      return annotations.containsKey(ArgGroup.class);
    }

    @Override
    public boolean isMixin() {
      return annotations.containsKey(Mixin.class);
    }

    @Override
    public boolean isUnmatched() {
      return annotations.containsKey(Unmatched.class);
    }

    @Override
    public boolean isSpec() {
      return annotations.containsKey(Spec.class);
    }

    @Override
    public boolean isParentCommand() {
      return annotations.containsKey(ParentCommand.class);
    }

    @Override
    public boolean isMultiValue() {
      Class<?> c = typeInfo.getType();
      return (c.isArray() && c != char[].class) || java.util.Collection.class.isAssignableFrom(c)
          || Map.class.isAssignableFrom(c);
    }

    @Override
    public boolean isInteractive() {
      return isOption() && getAnnotation(Option.class).interactive()
          || isParameter() && getAnnotation(Parameters.class).interactive();
    }

    @Override
    public boolean hasInitialValue() {
      return true; // a field's initial value is read from it when first needed
    }

    @Override
    public boolean isMethodParameter() {
      return false;
    }

    @Override
    public int getMethodParamPosition() {
      return -1;
    }

    @Override
    public IScope scope() {
      return scope;
    }

    @Override
    public IGetter getter() {
      return binding;
    }

    @Override
    public ISetter setter() {
      return binding;
    }

    @Override
    public ITypeInfo getTypeInfo() {
      return typeInfo;
    }

    @Override
    public String getToString() {
      String s = field.toGenericString().replace("private ", "").replace("protected ", "").replace("public ", "")
          .replace("java.lang.", "");
      return isMixin() ? "mixin from member " + s : "field " + s;
    }

    @Override
    public String toString() {
      return field.toString();
    }

    /** picocli's {@code InitialValueState.POSTPONED} for a field: its initial value is read when first needed. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T getExtension(Class<T> cls) {
      if (cls.isEnum() && cls.getName().equals("picocli.CommandLine$Model$InitialValueState")) {
        return cls.cast(Enum.valueOf((Class) cls, "POSTPONED"));
      }
      return null;
    }
  }
}
