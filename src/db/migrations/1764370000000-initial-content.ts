import { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlDialect } from './sql-dialect';

/**
 * The content tables. Written as SQL rather than generated, because it must run unchanged on SQLite
 * and PostgreSQL: only the timestamp type, the "now" default and the auto-increment key differ.
 */
export class InitialContent1764370000000 implements MigrationInterface {
  name = 'InitialContent1764370000000';

  async up(runner: QueryRunner): Promise<void> {
    const { ts, now, pk } = sqlDialect(runner);
    const stamps = `created_at ${ts} NOT NULL DEFAULT ${now}, updated_at ${ts} NOT NULL DEFAULT ${now}`;

    await runner.query(`
      CREATE TABLE region (
        id ${pk},
        code varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('CONTINENT','SUBREGION','COUNTRY','PROVINCE','CITY','OTHER')),
        parent_id integer REFERENCES region (id) ON DELETE RESTRICT,
        ${stamps},
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await runner.query(`CREATE INDEX idx_region_parent ON region (parent_id)`);

    await runner.query(`
      CREATE TABLE source (
        id ${pk},
        slug varchar(120) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('NEWS_OUTLET','NEWS_AGENCY','PHOTO_AGENCY','BROADCASTER','GOVERNMENT','THINK_TANK','ACADEMIC','SOCIAL_MEDIA','OTHER')),
        url varchar(2048),
        state_affiliated boolean NOT NULL DEFAULT false,
        country_id integer REFERENCES region (id) ON DELETE SET NULL,
        ${stamps}
      )`);
    await runner.query(`CREATE INDEX idx_source_country ON source (country_id)`);

    await runner.query(`
      CREATE TABLE photo (
        id ${pk},
        url varchar(2048) NOT NULL,
        caption text,
        alt_text text,
        credit_id integer REFERENCES source (id) ON DELETE SET NULL,
        credit_line varchar(500),
        ${stamps}
      )`);
    await runner.query(`CREATE INDEX idx_photo_credit ON photo (credit_id)`);

    await runner.query(`
      CREATE TABLE article (
        id ${pk},
        slug varchar(200) NOT NULL UNIQUE,
        title varchar(500) NOT NULL,
        summary text,
        body text NOT NULL,
        language varchar(35) NOT NULL,
        label varchar(200),
        byline text NOT NULL DEFAULT '[]',
        status varchar(16) NOT NULL CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        version integer NOT NULL DEFAULT 1,
        published_at ${ts},
        deleted_at ${ts},
        ${stamps}
      )`);
    // Every article list is ordered newest first by this key, ties broken by id (see article.query.ts).
    await runner.query(
      `CREATE INDEX idx_article_listing ON article ((COALESCE(published_at, created_at)) DESC, id DESC)`,
    );
    await runner.query(`CREATE INDEX idx_article_status ON article (status, deleted_at)`);

    const link = (table: string, other: string, otherTable: string, extra: string) =>
      runner.query(`
        CREATE TABLE ${table} (
          article_id integer NOT NULL REFERENCES article (id) ON DELETE CASCADE,
          ${other} integer NOT NULL REFERENCES ${otherTable} (id) ON DELETE CASCADE,
          ${extra}
          PRIMARY KEY (article_id, ${other})
        )`);
    await link('article_source', 'source_id', 'source', 'position integer NOT NULL, context text,');
    await link('article_photo', 'photo_id', 'photo', 'position integer NOT NULL,');
    await link('article_region', 'region_id', 'region', '');
    await runner.query(`CREATE INDEX idx_article_source_source ON article_source (source_id, article_id)`);
    await runner.query(`CREATE INDEX idx_article_photo_photo ON article_photo (photo_id, article_id)`);
    await runner.query(`CREATE INDEX idx_article_region_region ON article_region (region_id, article_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['article_region', 'article_photo', 'article_source', 'article', 'photo', 'source', 'region']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
