// A file's items (definitions, statements) by the key a workspace rule groups
// them under, worked out once per file and kept while its facts live. A file
// with 24,000 glossary terms takes part in 24,000 groups: each group's check
// must find its own items without reading all of them again.
const cache = new WeakMap<readonly unknown[], Map<string, unknown[]>>();

/** The items of `list` whose key is `key`; `keyOf` must be the same function for every call on one list. */
export function itemsWithKey<T>(list: readonly T[] | undefined, key: string, keyOf: (item: T) => string): readonly T[] {
  if (!list || list.length === 0) return [];
  let byKey = cache.get(list) as Map<string, T[]> | undefined;
  if (!byKey) {
    byKey = new Map();
    for (const item of list) {
      const k = keyOf(item);
      const same = byKey.get(k);
      if (same) same.push(item);
      else byKey.set(k, [item]);
    }
    cache.set(list, byKey);
  }
  return byKey.get(key) ?? [];
}
