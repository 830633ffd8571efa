import { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlDialect } from './sql-dialect';

/**
 * API keys (stored as hashes only) and tombstones, the record of deletions that syndication
 * partners read to take down what they copied. Same SQL on SQLite and PostgreSQL, as in the
 * initial migration.
 */
export class EditorialWrites1764400000000 implements MigrationInterface {
  name = 'EditorialWrites1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const { ts, now, pk } = sqlDialect(runner);

    await runner.query(`
      CREATE TABLE api_key (
        id ${pk},
        name varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('partner','analyst','editor','admin')),
        key_hash varchar(64) NOT NULL UNIQUE,
        key_hint varchar(16) NOT NULL,
        created_at ${ts} NOT NULL DEFAULT ${now},
        revoked_at ${ts}
      )`);

    await runner.query(`
      CREATE TABLE tombstone (
        id ${pk},
        entity_type varchar(32) NOT NULL,
        entity_id varchar(64) NOT NULL,
        deleted_at ${ts} NOT NULL,
        UNIQUE (entity_type, entity_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tombstone');
    await runner.query('DROP TABLE api_key');
  }
}
