import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { Article, ArticleStatus } from '../article/article.entity';
import type { Edit } from '../db/edits';
import type { Journal, Tx } from '../db/transaction';
import { NodeTypeName, toGlobalId } from '../node/global-id';
import { Photo } from '../photo/photo.entity';
import { RegionClosure } from '../region/region-closure.entity';
import { Source } from '../source/source.entity';
import { ArticleChange, ChangeKind } from './article-change.entity';

/**
 * Writes the change log (article-change.entity.ts): `recordEdits` is the journal of every write
 * (Writes, db/transaction.ts), which calls it with what the transaction changed (Tx.edited) as the
 * last thing the transaction does. A write of an article is logged as such; an edit of a source,
 * photo or region, as an UPDATED of every published article that shows it.
 *
 * Commit order: partners page the log by sequence, so a sequence must never become visible after
 * a higher one was read. On PostgreSQL, sequences are handed out in the order the transactions
 * take their turn at the log (Tx.serializeWritesTo): each writer waits there until the previous
 * one has committed, then takes its numbers. A reader therefore never sees a gap that a slower
 * transaction fills later. SQLite runs one writing transaction at a time, which is that order.
 * Taking the turn first also makes "was it public before?" (the last logged change) and "is it public
 * now?" read what every earlier writer committed.
 */

/** Rows per INSERT (six parameters each) and ids per lookup: well within both databases' limits. */
const CHUNK = 500;

type ChangeRow = Omit<ArticleChange, 'sequence' | 'article'>;

export const recordEdits: Journal = async (tx, edits, now) => {
  for (const edit of onePerArticle(edits)) {
    if (edit.type === 'Article') await recordChanges(tx, [edit.rowId], edit.kind, now);
    else if (edit.type === 'Source' || edit.type === 'Photo' || edit.type === 'Region') {
      await recordEditOf(tx, edit.type, edit.rowId, now);
    }
  }
};

/**
 * An article written several times in one transaction is one change: partners apply the article as
 * it was committed, so an import that creates and publishes it is one PUBLISHED (not a CREATED and
 * a PUBLISHED, two webhook deliveries of the same thing). The change takes the place of the first
 * write and the kind of the last, unless that was a mere UPDATED, which says less than the earlier
 * CREATED or PUBLISHED.
 */
function onePerArticle(edits: readonly Edit[]): Edit[] {
  const merged: Edit[] = [];
  const articleAt = new Map<number, number>();
  for (const edit of edits) {
    const at = edit.type === 'Article' ? articleAt.get(edit.rowId) : undefined;
    if (at === undefined) {
      if (edit.type === 'Article') articleAt.set(edit.rowId, merged.length);
      merged.push(edit);
    } else if (edit.kind !== ChangeKind.UPDATED) {
      merged[at] = edit;
    }
  }
  return merged;
}

/** Records `kind` for the articles `articleIds` (row ids). */
async function recordChanges(
  tx: Tx,
  articleIds: readonly number[],
  kind: ChangeKind,
  now: Date,
  cause: string | null = null,
): Promise<void> {
  if (articleIds.length === 0) return;
  await tx.serializeWritesTo(ArticleChange);
  const ids = [...new Set(articleIds)];
  const publicNow = new Set<number>();
  const publicBefore = new Map<number, boolean>();
  // In chunks: SQLite binds each id as a parameter of its own, and allows 32,766 of them.
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const [current, before] = await Promise.all([publicArticles(tx, chunk), lastPublicState(tx, chunk)]);
    for (const id of current) publicNow.add(id);
    for (const [id, state] of before) publicBefore.set(id, state);
  }
  await insertChanges(
    tx.manager,
    ids.map((articleId) => ({
      articleId,
      kind,
      cause,
      // An article without a logged change came in by a path that did not log it; counted as not
      // public, as the migration and the bulk loaders (recordLoaded) log every article they add.
      wasPublic: publicBefore.get(articleId) ?? false,
      isPublic: publicNow.has(articleId),
      happenedAt: now,
    })),
  );
}

/**
 * An edit of the source, photo or region `rowId` changed every published article that shows it:
 * logged as an UPDATED of each, with the edited entity as its cause. Drafts are left out (nobody
 * outside the newsroom has them); they are logged when they change themselves.
 */
async function recordEditOf(
  tx: Tx,
  type: Extract<NodeTypeName, 'Source' | 'Photo' | 'Region'>,
  rowId: number,
  now: Date,
): Promise<void> {
  await tx.serializeWritesTo(ArticleChange);
  const affected = await Promise.all(usersOf[type](tx, rowId).map((query) => publishedOnly(query).getRawMany()));
  const articleIds = affected.flat().map((row: { article_id: number | string }) => Number(row.article_id));
  await recordChanges(tx, articleIds, ChangeKind.UPDATED, now, toGlobalId(type, rowId));
}

/**
 * Logs articles loaded in bulk (the sample, generated content): each one CREATED, or PUBLISHED
 * when it arrives published, at `happenedAt`. For loaders that write with a plain entity manager,
 * alone on the database (no concurrent writer to order against).
 */
export async function recordLoaded(
  manager: EntityManager,
  articles: readonly Pick<Article, 'rowId' | 'status' | 'deletedAt'>[],
  happenedAt: Date,
): Promise<void> {
  await insertChanges(
    manager,
    articles.map((article) => {
      const isPublic = isPublicArticle(article);
      return {
        articleId: article.rowId,
        kind: isPublic ? ChangeKind.PUBLISHED : ChangeKind.CREATED,
        cause: null,
        wasPublic: false,
        isPublic,
        happenedAt,
      };
    }),
  );
}

/** Whether an article is in the published set: what partners and the public see. */
export const isPublicArticle = (article: Pick<Article, 'status' | 'deletedAt'>): boolean =>
  article.status === ArticleStatus.PUBLISHED && article.deletedAt === null;

async function insertChanges(manager: EntityManager, rows: ChangeRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ArticleChange)
      .values(rows.slice(start, start + CHUNK))
      .updateEntity(false)
      .execute();
  }
}

/** Of `ids`, the articles in the published set now. */
async function publicArticles(tx: Tx, ids: number[]): Promise<Set<number>> {
  const rows = await publishedOnly(
    tx.select().select('a.rowId', 'article_id').from(Article, 'a').where(tx.inKeys('a.rowId', 'ids'), { ids }),
  ).getRawMany();
  return new Set(rows.map((row: { article_id: number | string }) => Number(row.article_id)));
}

/** Per article of `ids` that has a logged change, whether its last one left it public. */
async function lastPublicState(tx: Tx, ids: number[]): Promise<Map<number, boolean>> {
  const last = tx
    .select()
    .subQuery()
    .select('MAX(l.sequence)')
    .from(ArticleChange, 'l')
    .where(tx.inKeys('l.articleId', 'ids'))
    .groupBy('l.articleId')
    .getQuery();
  const rows = await tx
    .select()
    .select('c.articleId', 'article_id')
    .addSelect('c.isPublic', 'is_public')
    .from(ArticleChange, 'c')
    .where(`c.sequence IN ${last}`, { ids })
    .getRawMany();
  // SQLite returns booleans as 0 and 1.
  return new Map(
    rows.map((row: { article_id: number | string; is_public: boolean | number }) => [
      Number(row.article_id),
      Boolean(row.is_public),
    ]),
  );
}

/** `query`, which selects `article_id` from an alias that joins the article as `a`, kept to published articles. */
const publishedOnly = (query: SelectQueryBuilder<ObjectLiteral>) =>
  query
    .andWhere('a.status = :published', { published: ArticleStatus.PUBLISHED })
    .andWhere('a.deletedAt IS NULL')
    .distinct(true);

/** `article_id` of every row of the link table `link` (aliased `l`), joined to its article as `a`. */
const articlesOf = (tx: Tx, link: typeof ArticleSource | typeof ArticlePhoto | typeof ArticleRegion) =>
  tx.select().select('l.articleId', 'article_id').from(link, 'l').innerJoin(Article, 'a', 'a.rowId = l.articleId');

/** Per type, the queries whose `article_id`s are the articles that show an entity (joined to the article as `a`). */
const usersOf: Record<'Source' | 'Photo' | 'Region', (tx: Tx, rowId: number) => SelectQueryBuilder<ObjectLiteral>[]> = {
  // Cited by the article, or credited for one of its photos.
  Source: (tx, rowId) => [
    articlesOf(tx, ArticleSource).where('l.sourceId = :rowId', { rowId }),
    articlesOf(tx, ArticlePhoto).innerJoin(Photo, 'p', 'p.rowId = l.photoId').where('p.creditId = :rowId', { rowId }),
  ],
  Photo: (tx, rowId) => [articlesOf(tx, ArticlePhoto).where('l.photoId = :rowId', { rowId })],
  // Below the region (itself included) is a region the article is about, or the country of a
  // source it cites or credits for a photo: an article shows its regions' ancestors, and sources
  // show their country.
  Region: (tx, rowId) => {
    const below = (query: SelectQueryBuilder<ObjectLiteral>, region: string) =>
      query.innerJoin(RegionClosure, 't', `t.descendantId = ${region} AND t.ancestorId = :rowId`, { rowId });
    return [
      below(articlesOf(tx, ArticleRegion), 'l.regionId'),
      below(articlesOf(tx, ArticleSource).innerJoin(Source, 's', 's.rowId = l.sourceId'), 's.countryId'),
      below(
        articlesOf(tx, ArticlePhoto)
          .innerJoin(Photo, 'p', 'p.rowId = l.photoId')
          .innerJoin(Source, 's', 's.rowId = p.creditId'),
        's.countryId',
      ),
    ];
  },
};
