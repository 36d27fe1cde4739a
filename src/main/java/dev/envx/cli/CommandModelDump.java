package dev.envx.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command tree's picocli model as text: every public attribute of every command, mixin, option, positional
 * parameter and argument group (found by reflection over picocli's model classes, so an attribute picocli adds is
 * compared too), the usage help of every command and the bash completion script. Two trees built the same way
 * dump the same text; {@link CommandModelWriter} and the tests compare the descriptor's tree with picocli's.
 */
final class CommandModelDump {
  /** Getters that are no attribute: links to other parts of the tree (dumped where they live) or copies. */
  private static final Set<String> SKIPPED = Set.of("commandLine", "parent", "root", "toBuilder", "copy",
      "hashCode", "toString", "getClass", "args", "options", "positionalParameters", "argGroups", "subcommands",
      "mixins", "usageMessage", "parser", "interpolateVariables");

  private CommandModelDump() {}

  static String dump(CommandLine root) {
    StringBuilder b = new StringBuilder();
    command(root, b);
    b.append("== bash completion\n").append(AutoComplete.bash("envx", root));
    return b.toString();
  }

  private static void command(CommandLine cl, StringBuilder b) {
    CommandSpec spec = cl.getCommandSpec();
    b.append("== command ").append(spec.qualifiedName()).append('\n');
    b.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    spec(spec, "", b);
    for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
      b.append("subcommand ").append(e.getKey()).append('\n');
    }
    for (CommandLine sub : spec.subcommands().values()) {
      command(sub, b);
    }
  }

  private static void spec(CommandSpec spec, String indent, StringBuilder b) {
    attributes(spec, CommandSpec.class, indent, b);
    attributes(spec.usageMessage(), UsageMessageSpec.class, indent + "usage.", b);
    attributes(spec.parser(), ParserSpec.class, indent + "parser.", b);
    for (OptionSpec o : spec.options()) {
      b.append(indent).append("option ").append(o.longestName()).append('\n');
      attributes(o, OptionSpec.class, indent + "  ", b);
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      b.append(indent).append("positional ").append(p.index()).append(' ').append(p.paramLabel()).append('\n');
      attributes(p, PositionalParamSpec.class, indent + "  ", b);
    }
    for (ArgGroupSpec g : spec.argGroups()) {
      group(g, indent, b);
    }
    for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
      b.append(indent).append("mixin ").append(m.getKey()).append('\n');
      spec(m.getValue(), indent + "  ", b);
    }
  }

  private static void group(ArgGroupSpec g, String indent, StringBuilder b) {
    b.append(indent).append("group ").append(g.synopsis()).append('\n');
    attributes(g, ArgGroupSpec.class, indent + "  ", b);
    for (ArgGroupSpec sub : g.subgroups()) {
      group(sub, indent + "  ", b);
    }
  }

  /** Every public no-argument getter of {@code type} (and its picocli supertypes), sorted by name. */
  private static void attributes(Object o, Class<?> type, String indent, StringBuilder b) {
    Method[] methods = type.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      if (m.getParameterCount() != 0 || m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers())
          || !m.getDeclaringClass().getName().startsWith("picocli.") || SKIPPED.contains(m.getName())) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(o);
      } catch (ReflectiveOperationException | RuntimeException e) {
        Throwable t = e instanceof java.lang.reflect.InvocationTargetException i ? i.getCause() : e;
        v = "(throws " + t.getClass().getName() + ")";
      }
      b.append(indent).append(m.getName()).append(" = ").append(render(v, 0)).append('\n');
    }
  }

  private static String render(Object v, int depth) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
        || v instanceof Enum<?>) {
      return String.valueOf(v);
    }
    if (v instanceof CommandLine.Range r) {
      return r + " (min " + r.min() + " max " + r.max() + " variable " + r.isVariable() + " unspecified "
          + r.isUnspecified() + " relative " + r.isRelative() + " original " + r.originalValue() + ")";
    }
    if (v instanceof Class<?> c) {
      return "class " + c.getName();
    }
    if (v instanceof Field f) {
      return "field " + f.toGenericString();
    }
    if (v instanceof CommandSpec s) {
      return "spec " + s.qualifiedName() + " of " + s.userObject().getClass().getName();
    }
    if (v instanceof OptionSpec o) {
      return "option " + o.longestName();
    }
    if (v instanceof PositionalParamSpec p) {
      return "positional " + p.index() + " " + p.paramLabel();
    }
    if (v instanceof ArgGroupSpec g) {
      return "group " + g.synopsis();
    }
    if (v instanceof ArgSpec a) {
      return "arg " + a;
    }
    if (v instanceof CommandLine c) {
      return "commandline " + c.getCommandSpec().qualifiedName();
    }
    if (v instanceof IAnnotatedElement e) {
      return "element " + e.getToString() + " " + e.getName() + " scope " + render(e.scope(), depth + 1);
    }
    if (v instanceof IScope s) {
      try {
        Object in = s.get();
        return "scope of " + (in == null ? "null" : in.getClass().getName());
      } catch (Exception e) {
        return "scope throwing " + e.getClass().getName();
      }
    }
    if (v instanceof ITypeInfo t && depth < 3) {
      return "type " + t.getClassName() + " aux " + render(t.getAuxiliaryTypes(), depth + 1) + " generic "
          + t.getActualGenericTypeArguments() + " boolean " + t.isBoolean() + " multi " + t.isMultiValue()
          + " optional " + t.isOptional() + " array " + t.isArray() + " collection " + t.isCollection() + " map "
          + t.isMap() + " enum " + t.isEnum() + " constants " + t.getEnumConstantNames() + " simple "
          + t.getClassSimpleName() + " auxInfos " + render(t.getAuxiliaryTypeInfos(), depth + 1);
    }
    if (v.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(v);
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : ", ").append(render(java.lang.reflect.Array.get(v, i), depth + 1));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach((k, x) -> b.append(b.length() == 1 ? "" : ", ").append(render(k, depth + 1)).append('=')
          .append(render(x, depth + 1)));
      return b.append('}').toString();
    }
    if (v instanceof Collection<?> c) {
      List<String> items = c.stream().map(x -> render(x, depth + 1)).toList();
      return items.toString();
    }
    String name = v.getClass().getName();
    if (name.contains("$$Lambda")) {
      return "lambda";
    }
    if (name.startsWith("java.") || v instanceof CommandLine.Model.IGetter) {
      return name.startsWith("java.") ? name + " " + v : v.toString();
    }
    return "object " + name;
  }
}
