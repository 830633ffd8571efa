import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { shapeOf, visibleArticles } from '../article/article.query';
import { manyByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { seesUnpublished } from '../viewer';
import { Correction } from './correction.entity';
import { FactCheck } from './fact-check.entity';

export type FactCheckLoaders = ReturnType<typeof createFactCheckLoaders>;

/**
 * Each article's fact-checks (in the article's order) and corrections (oldest first), one statement
 * per batch of articles. Only those of articles the viewer may see: a caller reaches them through an
 * article it could read anyway, and the condition keeps it so whatever path comes to be added.
 */
export function createFactCheckLoaders(scope: LoaderScope) {
  const { db } = scope;
  const factChecks = db.entityRows(FactCheck);
  const corrections = db.entityRows(Correction);
  const ofVisibleArticles = (query: SelectQueryBuilder<ObjectLiteral>, alias: string) => {
    query.where(db.inKeys(`${alias}.articleId`, 'keys'));
    if (seesUnpublished(scope.viewer)) return query;
    const article = visibleArticles(scope).select('1').andWhere(`a.id = ${alias}.article_id`);
    return query.andWhere(`EXISTS (${article.getQuery()})`, article.getParameters());
  };

  return {
    byArticle: manyByKey<number, FactCheck>(scope, 'factCheck.byArticle', async (keys) => {
      const build = () =>
        ofVisibleArticles(factChecks.selectFrom(db.select().select([]).from(FactCheck, 'f'), 'f'), 'f')
          .orderBy('f.articleId')
          .addOrderBy('f.position');
      const rows = await db.rows(shapeOf(scope, 'factCheck.byArticle'), build, { keys });
      return rows.map((row) => {
        const factCheck = factChecks.read(row, 'f');
        return [factCheck.articleId, factCheck];
      });
    }),

    corrections: manyByKey<number, Correction>(scope, 'factCheck.corrections', async (keys) => {
      const build = () =>
        ofVisibleArticles(corrections.selectFrom(db.select().select([]).from(Correction, 'c'), 'c'), 'c')
          .orderBy('c.articleId')
          .addOrderBy('c.correctedAt')
          .addOrderBy('c.rowId');
      const rows = await db.rows(shapeOf(scope, 'factCheck.corrections'), build, { keys });
      return rows.map((row) => {
        const correction = corrections.read(row, 'c');
        return [correction.articleId, correction];
      });
    }),
  };
}
