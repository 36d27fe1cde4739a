package dev.envx.format.envyml;

import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.io.InputLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * {@link InputLimits} for YAML. snakeyaml-engine's parser is a state machine (no recursion) but its composer
 * recurses once per nesting level, and it limits aliases of collections only; so before composing, one pass
 * over the event stream checks nesting depth (block and flow alike), the number of aliases of anything and the
 * characters they expand to (an alias of a 1 MB scalar used 2,000 times is 2 GB), and the length of mapping
 * keys. Document size and line length are checked on the text first.
 */
final class YamlLimits {
  private YamlLimits() {}

  /** Settings for parsing and composing under {@code limits}: snakeyaml's own size limit raised to ours. */
  static LoadSettings settings(String label, InputLimits limits) {
    return LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(true)
        .setCodePointLimit(limits.maxChars()).build();
  }

  private static final class Frame {
    final Optional<Anchor> anchor;
    final int start;
    final boolean mapping;
    int children;
    long aliasChars; // characters aliases inside this node expand to

    Frame(Optional<Anchor> anchor, int start, boolean mapping) {
      this.anchor = anchor;
      this.start = start;
      this.mapping = mapping;
    }
  }

  /**
   * The document of {@code file}, composed from the events the limits were checked on (the text is parsed once);
   * throws {@link dev.envx.diag.EnvxException} (exit 2) at the first place past a limit, before composing.
   */
  static Optional<Node> compose(SourceFile file, InputLimits limits) {
    List<Event> events = new ArrayList<>();
    LoadSettings settings = settings(file.name(), limits); // built once: a builder makes a schema and its resolver
    check(file, limits, settings, events);
    return new Composer(settings, new Replay(events)).getSingleNode();
  }

  /** The checked events again, for the composer. */
  private static final class Replay implements Parser {
    private final List<Event> events;
    private int next;

    Replay(List<Event> events) {
      this.events = events;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return hasNext() && events.get(next).getEventId() == id;
    }

    @Override
    public Event peekEvent() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException("no more events");
      }
      return events.get(next);
    }

    @Override
    public boolean hasNext() {
      return next < events.size();
    }

    @Override
    public Event next() {
      Event e = peekEvent();
      next++;
      return e;
    }
  }

  /**
   * Throws {@link dev.envx.diag.EnvxException} (exit 2) at the first place past a limit; adds each event to
   * {@code keep}.
   */
  private static void check(SourceFile file, InputLimits limits, LoadSettings settings, List<Event> keep) {
    limits.checkText(file);
    Deque<Frame> open = new ArrayDeque<>();
    Map<Anchor, Long> sizes = new HashMap<>();
    int aliases = 0;
    long expanded = 0;
    for (Event e : new Parse(settings).parseString(file.text())) {
      keep.add(e);
      Frame parent = open.peek();
      switch (e.getEventId()) {
        case MappingStart, SequenceStart -> {
          count(parent);
          if (open.size() >= limits.maxDepth()) {
            throw limits.tooDeep(span(file, e), "mappings and lists");
          }
          open.push(new Frame(((NodeEvent) e).getAnchor(), index(e.getStartMark()),
              e.getEventId() == Event.ID.MappingStart));
        }
        case MappingEnd, SequenceEnd -> {
          Frame f = open.pop();
          f.anchor.ifPresent(a -> sizes.put(a, index(e.getEndMark()) - f.start + f.aliasChars));
          if (open.peek() != null) {
            open.peek().aliasChars += f.aliasChars;
          }
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) e;
          if (parent != null && parent.mapping && parent.children % 2 == 0
              && s.getValue().length() > limits.maxKeyChars()) {
            throw dev.envx.diag.EnvxException.input(String.format("key of %,d characters; the limit is %,d",
                s.getValue().length(), limits.maxKeyChars()), span(file, e), "use a shorter key");
          }
          count(parent);
          s.getAnchor().ifPresent(a -> sizes.put(a, (long) index(e.getEndMark()) - index(e.getStartMark())));
        }
        case Alias -> {
          count(parent);
          aliases++;
          long size = sizes.getOrDefault(((AliasEvent) e).getAlias(), 0L);
          expanded += size;
          if (parent != null) {
            parent.aliasChars += size;
          }
          if (aliases > limits.maxAliases()) {
            throw dev.envx.diag.EnvxException.input("more than " + limits.maxAliases() + " aliases",
                span(file, e), "envx accepts at most " + limits.maxAliases() + " aliases (`*name`) in a file");
          }
          if (expanded > limits.maxAliasChars()) {
            throw dev.envx.diag.EnvxException.input(String.format(
                "aliases expand to more than %,d characters", limits.maxAliasChars()), span(file, e),
                "repeat less through aliases (`*name`); write the values out or shorten them");
          }
        }
        default -> { }
      }
    }
  }

  private static void count(Frame parent) {
    if (parent != null) {
      parent.children++;
    }
  }

  private static int index(Optional<Mark> m) {
    return m.map(Mark::getIndex).orElse(0);
  }

  private static Span span(SourceFile file, Event e) {
    return e.getStartMark().map(m -> new Span(file, m.getLine() + 1, m.getColumn() + 1, 1)).orElse(null);
  }
}
