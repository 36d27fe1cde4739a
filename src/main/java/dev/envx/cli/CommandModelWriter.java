package dev.envx.cli;

import dev.envx.io.TabEscapes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * Build step ({@code pom.xml}, {@code process-classes}): writes {@link CommandModel#RESOURCE} from picocli's own
 * reflection over envx's command classes, then builds the CLI from it and fails the build unless that model
 * equals picocli's ({@link CommandModelDump}). Nothing here runs when envx runs.
 *
 * <p>The descriptor is deterministic (no build time in it): a header with the format, the picocli version and
 * the CRC-32 of the rest, each annotation type's defaults, then one section per class ({@code class NAME CRC32}) with its
 * {@code @Command} and its annotated fields in declaration order, each annotation with the attributes that differ
 * from the defaults. Fields are tab-separated and escaped with {@link TabEscapes}.
 */
public final class CommandModelWriter {
  private CommandModelWriter() {}

  /** Writes the descriptor under {@code args[0]} (the classes directory) and checks it. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).resolve(CommandModel.RESOURCE);
    String text = describe(tree(CommandModel.annotations()));
    Files.createDirectories(out.getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    String problem = check(text, CommandModelWriter.class.getClassLoader());
    if (problem != null) {
      Files.delete(out); // a descriptor that does not give picocli's model is never shipped
      System.err.println("CommandModelWriter: " + problem);
      System.exit(1);
    }
  }

  /** Null when the descriptor {@code text} builds exactly picocli's model of the whole CLI, else what differs. */
  static String check(String text, ClassLoader loader) {
    String expected = CommandModelDump.dump(tree(CommandModel.annotations()));
    String actual;
    try {
      actual = CommandModelDump.dump(tree(CommandModel.strict(text, loader)));
    } catch (CommandModel.Stale e) {
      return "the descriptor just written does not describe the classes: " + e.getMessage();
    }
    if (expected.equals(actual)) {
      return null;
    }
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) {
        return "the descriptor's model differs from picocli's at line " + (i + 1) + ":\n  picocli:    " + a[i]
            + "\n  descriptor: " + b[i];
      }
    }
    return "the descriptor's model has " + b.length + " lines, picocli's " + a.length;
  }

  /** The whole CLI as {@link Main} builds it, every subcommand registered, through {@code model}. */
  static CommandLine tree(CommandModel model) {
    EnvxCommand top = new EnvxCommand();
    CommandLine cl = model.commandLine(top, CommandLine.defaultFactory());
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    Subcommands.register(cl, new Cli(none, none, InputStream.nullInputStream(), Map.of(), top.global, model));
    return cl;
  }

  /** The descriptor of every class whose annotations picocli read to build {@code tree}. */
  static String describe(CommandLine tree) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    collect(tree.getCommandSpec(), classes);
    StringBuilder b = new StringBuilder();
    for (Class<? extends Annotation> type : CommandModel.TYPES) {
      for (Method m : attributes(type)) {
        if (m.getDefaultValue() != null) {
          List<String> f = new ArrayList<>(List.of("default", type.getSimpleName(), m.getName()));
          f.addAll(values(m.getDefaultValue()));
          line(b, f.toArray(String[]::new));
        }
      }
    }
    // the mixin picocli adds for @Command(mixinStandardHelpOptions = true), under its key
    Map.Entry<String, CommandSpec> help = CommandSpec.create().mixinStandardHelpOptions(true).mixins().entrySet()
        .iterator().next();
    Class<?> helpClass = help.getValue().userObject().getClass();
    line(b, "helpMixin", help.getKey(), helpClass.getName());
    classes.addAll(CommandModel.hierarchy(helpClass));
    for (Class<?> c : classes) {
      section(c, b);
    }
    b.append("end\n");
    return seal(b.toString());
  }

  /** The descriptor: its header (format, picocli version, the rest's CRC-32), then {@code body}. */
  static String seal(String body) {
    StringBuilder b = new StringBuilder();
    line(b, CommandModel.MAGIC, CommandModel.FORMAT, "picocli", CommandLine.VERSION, CommandModel.crc(body));
    return b.append(body).toString();
  }

  private static void collect(CommandSpec spec, Set<Class<?>> classes) {
    Class<?> type = spec.userObject().getClass();
    if (type.isInterface() || java.lang.reflect.Proxy.isProxyClass(type)) {
      throw unsupported(type.getName(), "an interface command");
    }
    for (Class<?> c : CommandModel.hierarchy(type)) {
      classes.add(c);
      Command cmd = c.getAnnotation(Command.class);
      if (cmd != null && !cmd.versionProvider().getName().equals("picocli.CommandLine$NoVersionProvider")) {
        classes.add(cmd.versionProvider());
      }
    }
    for (CommandSpec mixin : spec.mixins().values()) {
      collect(mixin, classes);
      for (Class<?> c : CommandModel.hierarchy(mixin.userObject().getClass())) {
        for (Field f : c.getDeclaredFields()) {
          if (f.isAnnotationPresent(ParentCommand.class)) {
            throw unsupported(f.toString(), "@ParentCommand in a mixin");
          }
        }
      }
    }
    for (ArgGroupSpec g : spec.argGroups()) {
      group(g, classes);
    }
    for (CommandLine sub : spec.subcommands().values()) {
      collect(sub.getCommandSpec(), classes);
    }
  }

  private static void group(ArgGroupSpec g, Set<Class<?>> classes) {
    classes.addAll(CommandModel.hierarchy(g.typeInfo().getAuxiliaryTypes()[0]));
    for (ArgGroupSpec sub : g.subgroups()) {
      group(sub, classes);
    }
  }

  private static void section(Class<?> c, StringBuilder b) {
    line(b, "class", c.getName(), CommandModel.crc(c));
    Command cmd = c.getAnnotation(Command.class);
    if (cmd != null) {
      if (!cmd.modelTransformer().getName().equals("picocli.CommandLine$NoOpModelTransformer")) {
        throw unsupported(c.getName(), "a model transformer");
      }
      if (cmd.scope() == CommandLine.ScopeType.INHERIT) {
        throw unsupported(c.getName(), "@Command(scope = INHERIT)");
      }
      annotation(cmd, b);
    }
    for (Method m : c.getDeclaredMethods()) {
      if (annotated(m) || Arrays.stream(m.getParameters()).anyMatch(CommandModelWriter::annotated)) {
        throw unsupported(m.toString(), "an annotated method or method parameter");
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (!annotated(f)) {
        continue;
      }
      if (f.isAnnotationPresent(Unmatched.class)) {
        throw unsupported(f.toString(), "@Unmatched");
      }
      if (f.isAnnotationPresent(ArgGroup.class)
          && (f.isAnnotationPresent(Option.class) || f.isAnnotationPresent(Parameters.class))) {
        throw unsupported(f.toString(), "@ArgGroup on an option or parameter");
      }
      line(b, "field", f.getName());
      for (Class<? extends Annotation> type : CommandModel.TYPES) {
        Annotation a = f.getAnnotation(type);
        if (a != null) {
          annotation(a, b);
        }
      }
    }
  }

  private static boolean annotated(java.lang.reflect.AnnotatedElement e) {
    return CommandModel.TYPES.stream().anyMatch(e::isAnnotationPresent);
  }

  private static void annotation(Annotation a, StringBuilder b) {
    line(b, "@", a.annotationType().getSimpleName());
    for (Method m : attributes(a.annotationType())) {
      Object v;
      try {
        v = m.invoke(a);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (!Objects.deepEquals(v, m.getDefaultValue())) {
        List<String> f = new ArrayList<>(List.of("=", m.getName()));
        f.addAll(values(v));
        line(b, f.toArray(String[]::new));
      }
    }
  }

  /** The annotation type's attributes, by name. */
  private static List<Method> attributes(Class<? extends Annotation> type) {
    return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getParameterCount() == 0)
        .sorted(Comparator.comparing(Method::getName)).toList();
  }

  /** An attribute value as descriptor fields: one per array element, one for anything else. */
  private static List<String> values(Object v) {
    if (v instanceof Object[] array) {
      return Arrays.stream(array).map(CommandModelWriter::value).toList();
    }
    if (v.getClass().isArray()) {
      throw new IllegalStateException("unexpected primitive array attribute " + v);
    }
    return List.of(value(v));
  }

  private static String value(Object v) {
    if (v instanceof Class<?> c) {
      return c.getName();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Character) {
      return v.toString();
    }
    throw new IllegalStateException("unexpected attribute value " + v + " (" + v.getClass() + ")");
  }

  private static void line(StringBuilder b, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      b.append(i == 0 ? "" : "\t").append(TabEscapes.escape(fields[i]));
    }
    b.append('\n');
  }

  private static IllegalStateException unsupported(String where, String what) {
    return new IllegalStateException(where + ": " + what + " is not replayed by CommandModel; extend CommandModel "
        + "(and CommandModelTest) or build that command with `new CommandLine(...)`");
  }
}
