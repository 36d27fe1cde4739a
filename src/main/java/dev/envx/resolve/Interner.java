package dev.envx.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Small dense int ids for typed values (names, version sets, candidates), as the solver wants them: the first
 * value interned gets 0, the next 1, and so on. A source keeps one interner per id space. Not thread-safe.
 *
 * @param <K> the key (a record or another value type with equals/hashCode)
 * @param <V> what an id stands for (the key itself, or a value made from it once)
 */
public final class Interner<K, V> {
  private final Map<K, Integer> ids = new HashMap<>();
  private final List<V> values = new ArrayList<>();

  /** The id of {@code key}; a new one (with the value {@code make} gives) when it is first seen. */
  public int intern(K key, Function<K, V> make) {
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    return put(key, make.apply(key));
  }

  /** The id of {@code key}, or -1 when it has none yet. */
  public int find(K key) {
    Integer id = ids.get(key);
    return id == null ? -1 : id;
  }

  /** A new id for {@code key} (which has none yet: {@link #find} is -1) and its value. */
  public int put(K key, V value) {
    int n = values.size();
    values.add(value);
    ids.put(key, n);
    return n;
  }

  /** A value with a new id that no key reaches (a candidate: each record once, in load order). */
  public int add(V value) {
    values.add(value);
    return values.size() - 1;
  }

  /** The value of an id. */
  public V get(int id) {
    return values.get(id);
  }

  /** How many ids there are. */
  public int size() {
    return values.size();
  }
}
