import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region tree's closure (src/region/region-closure.entity.ts), as TypeORM writes the table
 * (`npm run schema:diff`), filled from the regions there are: every region with itself at depth 0
 * and each region above it. From here on every region write keeps it in step.
 */
export class RegionClosure1765200000000 implements MigrationInterface {
  name = 'RegionClosure1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const fk = (name: string, column: string) =>
      `CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "region" ("id") ON DELETE CASCADE ON UPDATE NO ACTION`;
    const keys = `${fk('fk_region_closure_ancestor', 'ancestor_id')}, ${fk('fk_region_closure_descendant', 'descendant_id')}`;
    if (pg) {
      await runner.query(
        `CREATE TABLE "region_closure" ("ancestor_id" integer NOT NULL, "descendant_id" integer NOT NULL, "depth" integer NOT NULL, CONSTRAINT "pk_region_closure" PRIMARY KEY ("ancestor_id", "descendant_id"), ${keys})`,
      );
    } else {
      // SQLite's schema comparison reads the table's text back, so it is written exactly as TypeORM would.
      await runner.query(
        `CREATE TABLE "region_closure" ("ancestor_id" integer NOT NULL, "descendant_id" integer NOT NULL, "depth" integer NOT NULL, ${keys}, PRIMARY KEY ("ancestor_id", "descendant_id"))`,
      );
    }
    await runner.query('CREATE INDEX "idx_region_closure_descendant" ON "region_closure" ("descendant_id", "depth")');
    // Bounded like every walk of the tree before it: a corrupt parent cycle ends instead of looping.
    await runner.query(
      `WITH RECURSIVE "walk" ("ancestor_id", "descendant_id", "depth") AS (SELECT "id", "id", 0 FROM "region" UNION ALL SELECT "walk"."ancestor_id", "r"."id", "walk"."depth" + 1 FROM "region" "r" INNER JOIN "walk" ON "r"."parent_id" = "walk"."descendant_id" WHERE "walk"."depth" < 32) INSERT INTO "region_closure" ("ancestor_id", "descendant_id", "depth") SELECT "ancestor_id", "descendant_id", "depth" FROM "walk"`,
    );

    // The planner's estimates of the subtree joins come from these statistics (autovacuum would take a while).
    if (pg) await runner.query('ANALYZE "region_closure"');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "region_closure"');
  }
}
