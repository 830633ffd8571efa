import DataLoader from 'dataloader';
import type { LoaderScope } from '../loader-scope';

/**
 * Every loader of the service: batching as the scope says, and the size of each batch told to the
 * scope under the loader's `name` (the content service's dataloader_batch_size metric).
 */
export function batchLoader<K, V>(
  scope: LoaderScope,
  name: string,
  load: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  return new DataLoader<K, V>(
    (keys) => {
      scope.onBatch?.(name, keys.length);
      return load(keys);
    },
    { batch: scope.batch, name },
  );
}

/**
 * The two shapes every batch function here takes: one row per key (or null), and a list of rows per
 * key. Each runs one statement for the whole batch and answers in key order, as DataLoader requires.
 */
export function oneByKey<K, V>(
  scope: LoaderScope,
  name: string,
  load: (keys: K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return batchLoader<K, V | null>(scope, name, async (keys) => {
    const rows = await load([...keys]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function manyByKey<K, V>(
  scope: LoaderScope,
  name: string,
  load: (keys: K[]) => Promise<[K, V][]>,
): DataLoader<K, V[]> {
  return batchLoader<K, V[]>(scope, name, async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const [key, value] of await load([...keys])) groups.get(key)?.push(value);
    return keys.map((key) => groups.get(key)!);
  });
}

/**
 * One loader per distinct argument set (a nested connection's first/after), made on first use:
 * parents asked for with the same arguments share one batch.
 */
export function perArguments<A, L>(make: (args: A) => L): (args: A) => L {
  const made = new Map<string, L>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = made.get(key);
    if (!loader) {
      loader = make(args);
      made.set(key, loader);
    }
    return loader;
  };
}
