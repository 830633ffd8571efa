import { createCountLoader, createPageLoader, ParentLinks } from '../article/article.pages';
import { oneByKey, perArguments } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { PageRequest } from '../pagination/page-args';
import { SOURCE_COLUMNS, SourceRow, toSource } from './source.sql';

const ARTICLES_CITING: ParentLinks = {
  ctes: [],
  sql: 'SELECT source_id AS parent_key, article_id FROM article_source WHERE source_id IN (:...keys)',
};

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;

/** Loaders keyed by source row id (or slug); the articles they reach are filtered by visibility. */
export function createSourceLoaders(scope: LoaderScope) {
  const { db } = scope;
  const sources = (where: string) => async (keys: (number | string)[]) =>
    (await db.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE ${where}`, { keys })).map((row) =>
      toSource(db, row),
    );

  return {
    byId: oneByKey(scope, sources('s.id IN (:...keys)'), (source) => source.rowId),
    bySlug: oneByKey(scope, sources('s.slug IN (:...keys)'), (source) => source.slug),
    all: async () =>
      (await db.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM source s ORDER BY s.name, s.id`)).map((row) =>
        toSource(db, row),
      ),
    /** Articles citing each source, one page per source, newest first. */
    articles: perArguments((request: PageRequest) => createPageLoader(scope, ARTICLES_CITING, request)),
    articleCount: createCountLoader(scope, ARTICLES_CITING),
  };
}
