/** A value computed on first use and kept: views of one opened bundle share it. */
export function lazy<T>(compute: () => T): () => T {
  let state: { readonly done: true; readonly value: T } | { readonly done: false } = { done: false };
  return () => {
    if (!state.done) state = { done: true, value: compute() };
    return state.value;
  };
}

/** Like lazy, keyed: one cached value per key. */
export function memoByKey<K, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new Map<K, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
