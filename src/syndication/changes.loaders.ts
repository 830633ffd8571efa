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
     * is refused (BAD_USER_INPUT on `field`). Read from a replica, a change a partner saw on a
     * more recent one may not be there yet: the token is then checked on the primary, and the
     * rest of the request reads there too.
     */
    page: async (since: FeedPosition, first: number, field: string): Promise<ChangePage> => {
      if (since.sequence > 0 && !(await logged(since))) {
        if (!db.routesReads) throw invalidToken(field);
        db.readOwnWrites();
        if (!(await logged(since))) throw invalidToken(field);
      }
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
