import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `api_key.safelist_only`: a key that may run only the safelisted operations (issue 12). Existing
 * keys keep running anything. The statements are TypeORM's (`npm run schema:diff`), except that
 * SQLite adds the column in place instead of rebuilding the table: the result is the same table.
 */
export class ApiKeySafelist1764610000000 implements MigrationInterface {
  name = 'ApiKeySafelist1764610000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    await runner.query(
      `ALTER TABLE "api_key" ADD ${pg ? '' : 'COLUMN '}"safelist_only" boolean NOT NULL DEFAULT ${pg ? 'false' : '(0)'}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "api_key" DROP COLUMN "safelist_only"');
  }
}
