import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A photo's rights, as IPTC photo metadata names them, and whether partners may republish it
 * (issue 14): false for every photo already there, until an editor says otherwise. The statements
 * are TypeORM's (`npm run schema:diff`), except that SQLite adds the columns in place instead of
 * rebuilding the table: the result is the same table.
 */
export class PhotoRights1764800000000 implements MigrationInterface {
  name = 'PhotoRights1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const add = pg ? 'ADD' : 'ADD COLUMN';
    const text = (length: number) => (pg ? `character varying(${length})` : `varchar(${length})`);
    await runner.query(`ALTER TABLE "photo" ${add} "copyright_holder" ${text(200)}`);
    await runner.query(`ALTER TABLE "photo" ${add} "copyright_notice" ${text(500)}`);
    await runner.query(`ALTER TABLE "photo" ${add} "usage_terms" text`);
    await runner.query(`ALTER TABLE "photo" ${add} "license_url" ${text(2048)}`);
    await runner.query(
      `ALTER TABLE "photo" ${add} "syndication_allowed" boolean NOT NULL DEFAULT ${pg ? 'false' : '(0)'}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const column of [
      'syndication_allowed',
      'license_url',
      'usage_terms',
      'copyright_notice',
      'copyright_holder',
    ]) {
      await runner.query(`ALTER TABLE "photo" DROP COLUMN "${column}"`);
    }
  }
}
