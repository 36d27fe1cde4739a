package dev.envx.format.lock;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** The one YAML emitter of the lock writers: block style, no line folding, maps in insertion order. */
final class YamlOut {
  private YamlOut() {}

  static String dump(Map<String, Object> doc) {
    DumpSettings s = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(Integer.MAX_VALUE)
        .setSplitLines(false).setIndent(2).setIndicatorIndent(0).build();
    return new Dump(s).dumpToString(Raw.thaw(doc));
  }
}
