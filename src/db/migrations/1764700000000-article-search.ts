import { MigrationInterface, QueryRunner } from 'typeorm';

/** Word types of PostgreSQL's default parser that are words (numbers, URLs and the rest stay as they are). */
const WORD_TYPES = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';

/** Article.searchDocument's expression, as TypeORM records it (entity and migration must agree). */
const SEARCH_CONFIG =
  "CASE lower(split_part(language, '-', 1)) WHEN 'en' THEN 'content_en'::regconfig " +
  "WHEN 'ro' THEN 'content_ro'::regconfig ELSE 'content_simple'::regconfig END";
const SEARCH_DOCUMENT =
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(title, '<>&', '   ')), 'A') || ` +
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(coalesce(summary, ''), '<>&', '   ')), 'B') || ` +
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(body, '<>&', '   ')), 'C') || ` +
  "array_to_tsvector(ARRAY['lang ' || CASE lower(split_part(language, '-', 1)) WHEN 'en' THEN 'en' " +
  "WHEN 'ro' THEN 'ro' ELSE 'simple' END])";

/**
 * Full-text search of articles (issue 13).
 *
 * PostgreSQL: text search configurations `content_en`, `content_ro` (Snowball stemming, no stop
 * words) and `content_simple`, each removing diacritics first (`unaccent`, a trusted extension:
 * the database owner may create it); `article.search_document`, a tsvector generated from the
 * title (weight A), summary (B) and body (C) in the configuration of the article's language, with
 * a GIN index. TypeORM keeps a generated column's expression in `typeorm_metadata`, under the
 * database's name: a copy of the database under another name needs that row's `database` updated
 * for `npm run schema:diff` to find it (tests/support/database.ts does so for its clones).
 *
 * SQLite: the FTS5 table `article_search` (src/search/sqlite-search.ts) and the triggers that keep
 * it in step with `article`, calling the functions the service registers on every connection. A
 * later SQLite migration that rebuilds the `article` table drops these triggers with it and must
 * create them again.
 */
export class ArticleSearch1764700000000 implements MigrationInterface {
  name = 'ArticleSearch1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') await this.upPostgres(runner);
    else await this.upSqlite(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(
        `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_document'`,
      );
      await runner.query('DROP INDEX "idx_article_search"');
      await runner.query('ALTER TABLE "article" DROP COLUMN "search_document"');
      for (const language of ['en', 'ro', 'simple'])
        await runner.query(`DROP TEXT SEARCH CONFIGURATION content_${language}`);
      for (const language of ['en', 'ro']) await runner.query(`DROP TEXT SEARCH DICTIONARY content_${language}_stem`);
      return;
    }
    for (const event of ['insert', 'update', 'delete']) await runner.query(`DROP TRIGGER article_search_${event}`);
    await runner.query('DROP TABLE article_search');
  }

  private async upPostgres(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    const stemmers = { en: 'english', ro: 'romanian' };
    for (const [language, snowball] of Object.entries(stemmers)) {
      await runner.query(
        `CREATE TEXT SEARCH DICTIONARY content_${language}_stem (TEMPLATE = snowball, LANGUAGE = ${snowball})`,
      );
    }
    for (const language of ['en', 'ro', 'simple']) {
      const words = language === 'simple' ? 'simple' : `content_${language}_stem`;
      await runner.query(`CREATE TEXT SEARCH CONFIGURATION content_${language} (COPY = simple)`);
      await runner.query(
        `ALTER TEXT SEARCH CONFIGURATION content_${language} ALTER MAPPING FOR ${WORD_TYPES} WITH unaccent, ${words}`,
      );
    }
    await runner.query(
      `ALTER TABLE "article" ADD "search_document" tsvector GENERATED ALWAYS AS (${SEARCH_DOCUMENT}) STORED NOT NULL`,
    );
    // Kept in the row (compressed) rather than in the TOAST table: PostgreSQL's planner does not
    // charge for fetching TOASTed values, so with the documents out of line the table looked small
    // and it scanned all of it (and fetched every document) even for a word in 2 % of the articles:
    // 43 ms for a count that the GIN index answers in 2 ms once the rows carry the documents. The
    // UPDATE rewrites the rows that ADD COLUMN stored out of line (PostgreSQL 15 cannot say STORAGE
    // in ADD COLUMN).
    await runner.query('ALTER TABLE "article" ALTER COLUMN "search_document" SET STORAGE MAIN');
    await runner.query('UPDATE "article" SET "title" = "title"');
    await runner.query('CREATE INDEX "idx_article_search" ON "article" USING GIN ("search_document")');
    // TypeORM's own table (RdbmsSchemaBuilder.createTypeormMetadataTable), where it finds the expression.
    await runner.query(
      'CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, ' +
        '"schema" character varying, "table" character varying, "name" character varying, "value" text)',
    );
    await runner.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") ` +
        `VALUES (current_database(), current_schema(), 'article', 'GENERATED_COLUMN', 'search_document', $1)`,
      [SEARCH_DOCUMENT],
    );
  }

  private async upSqlite(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE VIRTUAL TABLE article_search USING fts5(lang, title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    const row = (article: string) =>
      `content_search_language(${article}.language), content_search_terms(${article}.language, ${article}.title), ` +
      `content_search_terms(${article}.language, ${article}.summary), content_search_terms(${article}.language, ${article}.body)`;
    const insert = (article: string) =>
      `INSERT INTO article_search (rowid, lang, title, summary, body) VALUES (${article}.id, ${row(article)});`;
    await runner.query(`CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN ${insert('new')} END`);
    await runner.query(
      'CREATE TRIGGER article_search_update AFTER UPDATE OF title, summary, body, language ON article BEGIN ' +
        `DELETE FROM article_search WHERE rowid = old.id; ${insert('new')} END`,
    );
    await runner.query(
      'CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN DELETE FROM article_search WHERE rowid = old.id; END',
    );
    await runner.query(
      `INSERT INTO article_search (rowid, lang, title, summary, body) SELECT id, ${row('article')} FROM article`,
    );
  }
}
