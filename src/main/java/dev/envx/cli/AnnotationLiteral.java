package dev.envx.cli;

import java.lang.annotation.Annotation;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * One picocli annotation as the build recorded it ({@link CommandModel}): an ordinary object implementing the
 * annotation's interface, so picocli's own builders ({@code OptionSpec.builder(IAnnotatedElement, IFactory)},
 * {@code CommandSpec.updateCommandAttributes}, ...) read it as they read the real annotation, without the JDK
 * generating a dynamic proxy class per annotation type.
 *
 * <p>One class implements every annotation type picocli reads; each attribute method returns the recorded value
 * under its name, else the annotation type's default (both from the descriptor). The compiler checks that every
 * attribute picocli declares has a method here; {@link CommandModelWriter} records every attribute the annotation
 * has, by reflection over its type, so neither side keeps a list of envx's options.
 */
final class AnnotationLiteral
    implements Command, Option, Parameters, ArgGroup, Mixin, Spec, ParentCommand, Unmatched {
  private final Class<? extends Annotation> type;
  private final Map<String, String[]> values;
  private final Map<String, String[]> defaults;
  private final CommandModel.Classes classes;

  AnnotationLiteral(Class<? extends Annotation> type, Map<String, String[]> values, Map<String, String[]> defaults,
      CommandModel.Classes classes) {
    this.type = type;
    this.values = values;
    this.defaults = defaults;
    this.classes = classes;
  }

  @Override
  public Class<? extends Annotation> annotationType() {
    return type;
  }

  private String[] raw(String name) {
    String[] v = values.get(name);
    if (v == null) {
      v = defaults.get(name);
    }
    if (v == null) { // the descriptor was checked against the annotation type when read
      throw new CommandLine.InitializationException("command model: no value for @" + type.getSimpleName() + "."
          + name);
    }
    return v;
  }

  private String[] strings(String name) {
    return raw(name).clone();
  }

  private String string(String name) {
    return raw(name)[0];
  }

  private boolean bool(String name) {
    return Boolean.parseBoolean(string(name));
  }

  private int integer(String name) {
    return Integer.parseInt(string(name));
  }

  private <T> Class<? extends T> type(String name, Class<T> bound) {
    return classes.get(string(name)).asSubclass(bound);
  }

  private Class<?>[] types(String name) {
    String[] names = raw(name);
    Class<?>[] result = new Class<?>[names.length];
    for (int i = 0; i < names.length; i++) {
      result[i] = classes.get(names[i]);
    }
    return result;
  }

  // --- shared by several annotation types ---

  @Override
  public String name() {
    return string("name");
  }

  @Override
  public String[] description() {
    return strings("description");
  }

  @Override
  public boolean hidden() {
    return bool("hidden");
  }

  @Override
  public ScopeType scope() {
    return ScopeType.valueOf(string("scope"));
  }

  @Override
  public int order() {
    return integer("order");
  }

  @Override
  public Class<? extends IParameterPreprocessor> preprocessor() {
    return type("preprocessor", IParameterPreprocessor.class);
  }

  // --- @Option and @Parameters ---

  @Override
  public String[] names() {
    return strings("names");
  }

  @Override
  public boolean required() {
    return bool("required");
  }

  @Override
  public boolean help() {
    return bool("help");
  }

  @Override
  public boolean usageHelp() {
    return bool("usageHelp");
  }

  @Override
  public boolean versionHelp() {
    return bool("versionHelp");
  }

  @Override
  public String index() {
    return string("index");
  }

  @Override
  public String arity() {
    return string("arity");
  }

  @Override
  public String paramLabel() {
    return string("paramLabel");
  }

  @Override
  public boolean hideParamSyntax() {
    return bool("hideParamSyntax");
  }

  @Override
  public Class<?>[] type() {
    return types("type");
  }

  @Override
  @SuppressWarnings("unchecked") // each element was checked: ITypeConverter below
  public Class<? extends ITypeConverter<?>>[] converter() {
    Class<?>[] all = types("converter");
    Class<? extends ITypeConverter<?>>[] result = (Class<? extends ITypeConverter<?>>[]) new Class<?>[all.length];
    for (int i = 0; i < all.length; i++) {
      result[i] = (Class<? extends ITypeConverter<?>>) all[i].asSubclass(ITypeConverter.class);
    }
    return result;
  }

  @Override
  public String split() {
    return string("split");
  }

  @Override
  public String splitSynopsisLabel() {
    return string("splitSynopsisLabel");
  }

  @Override
  public String defaultValue() {
    return string("defaultValue");
  }

  @Override
  public Help.Visibility showDefaultValue() {
    return Help.Visibility.valueOf(string("showDefaultValue"));
  }

  @Override
  @SuppressWarnings("unchecked") // Iterable<String> is what the annotation type declares
  public Class<? extends Iterable<String>> completionCandidates() {
    return (Class<? extends Iterable<String>>) type("completionCandidates", Iterable.class);
  }

  @Override
  public boolean interactive() {
    return bool("interactive");
  }

  @Override
  public boolean echo() {
    return bool("echo");
  }

  @Override
  public String prompt() {
    return string("prompt");
  }

  @Override
  public String descriptionKey() {
    return string("descriptionKey");
  }

  @Override
  public boolean negatable() {
    return bool("negatable");
  }

  @Override
  public String fallbackValue() {
    return string("fallbackValue");
  }

  @Override
  public String mapFallbackValue() {
    return string("mapFallbackValue");
  }

  @Override
  public Class<? extends IParameterConsumer> parameterConsumer() {
    return type("parameterConsumer", IParameterConsumer.class);
  }

  // --- @Command ---

  @Override
  public String[] aliases() {
    return strings("aliases");
  }

  @Override
  public Class<?>[] subcommands() {
    return types("subcommands");
  }

  @Override
  public boolean subcommandsRepeatable() {
    return bool("subcommandsRepeatable");
  }

  @Override
  public boolean addMethodSubcommands() {
    return bool("addMethodSubcommands");
  }

  @Override
  public String separator() {
    return string("separator");
  }

  @Override
  public String[] version() {
    return strings("version");
  }

  @Override
  public Class<? extends IVersionProvider> versionProvider() {
    return type("versionProvider", IVersionProvider.class);
  }

  @Override
  public boolean mixinStandardHelpOptions() {
    return bool("mixinStandardHelpOptions");
  }

  @Override
  public boolean helpCommand() {
    return bool("helpCommand");
  }

  @Override
  public String headerHeading() {
    return string("headerHeading");
  }

  @Override
  public String[] header() {
    return strings("header");
  }

  @Override
  public String synopsisHeading() {
    return string("synopsisHeading");
  }

  @Override
  public boolean abbreviateSynopsis() {
    return bool("abbreviateSynopsis");
  }

  @Override
  public String[] customSynopsis() {
    return strings("customSynopsis");
  }

  @Override
  public String synopsisSubcommandLabel() {
    return string("synopsisSubcommandLabel");
  }

  @Override
  public String descriptionHeading() {
    return string("descriptionHeading");
  }

  @Override
  public String parameterListHeading() {
    return string("parameterListHeading");
  }

  @Override
  public String optionListHeading() {
    return string("optionListHeading");
  }

  @Override
  public boolean sortOptions() {
    return bool("sortOptions");
  }

  @Override
  public boolean sortSynopsis() {
    return bool("sortSynopsis");
  }

  @Override
  public char requiredOptionMarker() {
    return string("requiredOptionMarker").charAt(0);
  }

  @Override
  public Class<? extends IDefaultValueProvider> defaultValueProvider() {
    return type("defaultValueProvider", IDefaultValueProvider.class);
  }

  @Override
  public boolean showDefaultValues() {
    return bool("showDefaultValues");
  }

  @Override
  public boolean showAtFileInUsageHelp() {
    return bool("showAtFileInUsageHelp");
  }

  @Override
  public boolean showEndOfOptionsDelimiterInUsageHelp() {
    return bool("showEndOfOptionsDelimiterInUsageHelp");
  }

  @Override
  public String commandListHeading() {
    return string("commandListHeading");
  }

  @Override
  public String footerHeading() {
    return string("footerHeading");
  }

  @Override
  public String[] footer() {
    return strings("footer");
  }

  @Override
  public String resourceBundle() {
    return string("resourceBundle");
  }

  @Override
  public int usageHelpWidth() {
    return integer("usageHelpWidth");
  }

  @Override
  public boolean usageHelpAutoWidth() {
    return bool("usageHelpAutoWidth");
  }

  @Override
  public int exitCodeOnSuccess() {
    return integer("exitCodeOnSuccess");
  }

  @Override
  public int exitCodeOnUsageHelp() {
    return integer("exitCodeOnUsageHelp");
  }

  @Override
  public int exitCodeOnVersionHelp() {
    return integer("exitCodeOnVersionHelp");
  }

  @Override
  public int exitCodeOnInvalidInput() {
    return integer("exitCodeOnInvalidInput");
  }

  @Override
  public int exitCodeOnExecutionException() {
    return integer("exitCodeOnExecutionException");
  }

  @Override
  public String exitCodeListHeading() {
    return string("exitCodeListHeading");
  }

  @Override
  public String[] exitCodeList() {
    return strings("exitCodeList");
  }

  @Override
  public Class<? extends IModelTransformer> modelTransformer() {
    return type("modelTransformer", IModelTransformer.class);
  }

  // --- @ArgGroup ---

  @Override
  public String heading() {
    return string("heading");
  }

  @Override
  public String headingKey() {
    return string("headingKey");
  }

  @Override
  public boolean exclusive() {
    return bool("exclusive");
  }

  @Override
  public String multiplicity() {
    return string("multiplicity");
  }

  @Override
  public boolean validate() {
    return bool("validate");
  }

  // --- @Spec ---

  @Override
  public Spec.Target value() {
    return Spec.Target.valueOf(string("value"));
  }

  @Override
  public String toString() {
    return "@" + type.getName() + values.keySet();
  }
}
