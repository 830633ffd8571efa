import type { LoaderScope } from '../loader-scope';
import { ArticleChange } from './article-change.entity';
import { encodeChangeToken, FeedPosition, invalidToken } from './change-token';

export type ChangeLoaders = ReturnType<typeof createChangeLoaders>;

export interface ChangePage {
  changes: ArticleChange[];
  /** Where the next page starts: after the last change of this page, or where this one started. */
  nextToken: string;
  /** Whether more changes were already there when this page was read. */
  hasMore: boolean;
}

/** The change feed (change-log.ts writes it): the changes partners see, in sequence order. */
export function createChangeLoaders({ db }: LoaderScope) {
  const rows = db.entityRows(ArticleChange);

  /** Whether the change at `position` is one this database logged, at that time. */
  const logged = async (position: FeedPosition): Promise<boolean> => {
    const build = () =>
      rows.selectFrom(db.select().select([]).from(ArticleChange, 'c'), 'c').where('c.sequence = :sequence');
    const [row] = await db.rows('changes.logged', build, { sequence: position.sequence });
    return row !== undefined && rows.read(row, 'c').happenedAt.getTime() === position.happenedAt?.getTime();
  };

  return {
    /**
     * Up to `first` changes after `since`. A token naming a change this database has not logged
     * is refused (BAD_USER_INPUT on `field`).
     *
     * The feed and the rest of its request read from the primary: each statement of a request
     * may go to another replica, and a page read on an up-to-date one with its articles read on a
     * lagging one would say "no longer published" of an article just published, which the partner
     * would delete and never hear of again. A token a partner took from the primary is also
     * always there.
     */
    page: async (since: FeedPosition, first: number, field: string): Promise<ChangePage> => {
      if (db.routesReads) db.readOwnWrites();
      if (since.sequence > 0 && !(await logged(since))) throw invalidToken(field);
      const build = () =>
        rows
          .selectFrom(db.select().select([]).from(ArticleChange, 'c'), 'c')
          .where('c.sequence > :after')
          .andWhere('(c.wasPublic OR c.isPublic)')
          .orderBy('c.sequence')
          .limit(first + 1);
      const found = (await db.rows(`changes.page ${first}`, build, { after: since.sequence })).map((row) =>
        rows.read(row, 'c'),
      );
      const changes = found.slice(0, first);
      const last = changes.at(-1);
      return {
        changes,
        nextToken: encodeChangeToken(last ? { sequence: last.sequence, happenedAt: last.happenedAt } : since),
        hasMore: found.length > first,
      };
    },
  };
}
