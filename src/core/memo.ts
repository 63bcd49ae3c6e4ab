/**
 * Bounded memories of computed values. When `size` keys are held the memory is emptied and starts again,
 * which costs a few recomputations and keeps huge inputs from growing it without end, in O(1) a call.
 * Right where values recur far more than they vary (words, passages, excerpts, questions).
 */

/** Hold `value` for `key` in `memory`, emptying it first when it holds `size` keys; returns `value`. */
export function remember<K, V>(memory: Map<K, V>, size: number, key: K, value: V): V {
  if (memory.size >= size) memory.clear();
  memory.set(key, value);
  return value;
}

/** A remembered function: each key's value is computed once (while the memory holds it). */
export function memoize<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const memory = new Map<K, V>();
  return (key) => (memory.has(key) ? (memory.get(key) as V) : remember(memory, size, key, compute(key)));
}
