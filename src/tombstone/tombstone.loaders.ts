import type { LoaderScope } from '../loader-scope';
import { Tombstone } from './tombstone.entity';

export type TombstoneLoaders = ReturnType<typeof createTombstoneLoaders>;

/** The deletion feed, in the order deletions committed (see article.writes.ts deleteArticle). */
export function createTombstoneLoaders({ db }: LoaderScope) {
  const rows = db.entityRows(Tombstone);
  return {
    /** Up to `first` tombstones with a sequence above `after`. */
    after: async (after: number, first: number): Promise<Tombstone[]> => {
      const build = () =>
        rows
          .selectFrom(db.select().select([]).from(Tombstone, 't'), 't')
          .where('t.sequence > :after')
          .orderBy('t.sequence')
          .limit(first);
      return (await db.rows(`tombstone.after ${first}`, build, { after })).map((row) => rows.read(row, 't'));
    },
  };
}
