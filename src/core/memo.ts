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

/**
 * `memoize` for object keys (passages): a value lives no longer than its key, so a library replaced by a reload is
 * not kept alive by what was remembered of it; `size` keys at most, as `memoize` holds them.
 */
export function memoizeWeak<K extends object, V>(size: number, compute: (key: K) => V): (key: K) => V {
  let memory = new WeakMap<K, V>();
  let held = 0;
  return (key) => {
    if (memory.has(key)) return memory.get(key) as V;
    if (held >= size) {
      memory = new WeakMap<K, V>();
      held = 0;
    }
    const value = compute(key);
    memory.set(key, value);
    held += 1;
    return value;
  };
}
