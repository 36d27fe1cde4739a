package picocli;

import java.lang.reflect.Type;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Range;

/**
 * envx's one entry into picocli's package: its type inference for an annotated field, {@code RuntimeTypeInfo.create}
 * (public in a package-private class), for {@code dev.envx.cli.CommandModel}. picocli is compiled from its sources
 * with envx (see the pom), so this class is compiled against the same release. Called directly, not through a
 * method handle: creating a handle of that signature spins a LambdaForm at run time (~4 ms of every command line).
 */
public final class EnvxTypeInfo {
  private EnvxTypeInfo() {}

  /** picocli's {@code RuntimeTypeInfo.create(type, annotationTypes, genericType, arity, defaultType, interactive)}. */
  public static ITypeInfo create(Class<?> type, Class<?>[] annotationTypes, Type genericType, Range arity,
      Class<?> defaultType, boolean interactive) {
    return CommandLine.Model.RuntimeTypeInfo.create(type, annotationTypes, genericType, arity, defaultType,
        interactive);
  }
}
