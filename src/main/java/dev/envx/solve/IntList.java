package dev.envx.solve;

import java.util.Arrays;

/** A growable list of primitive ints (no boxing on the solver's hot paths). */
final class IntList {
  int[] a;
  int size;

  IntList() {
    this(4);
  }

  IntList(int capacity) {
    a = new int[Math.max(1, capacity)];
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
