/**
 * A remembered function: each key's value is computed once. Bounded: when `size` keys are held the memory
 * is emptied and starts again, which costs a few recomputations and keeps huge inputs from growing it
 * without end. Right where values recur far more than they vary (words, passages, excerpts).
 */
export function memoize<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const memory = new Map<K, V>();
  return (key) => {
    if (memory.has(key)) return memory.get(key) as V;
    const value = compute(key);
    if (memory.size >= size) memory.clear();
    memory.set(key, value);
    return value;
  };
}
