import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brings the tables in line with their entities, which are now the one description of the schema:
 * every constraint gets the name its entity gives it (named checks, uniques and foreign keys, which
 * TypeORM can read back and compare), and the timestamp defaults go (every write sets its times).
 * The statements are TypeORM's own (its schema builder's output against the previous schema, for
 * each database), so that a migrated database and the entities agree exactly: a test checks that
 * TypeORM finds nothing left to change. The rules themselves are the ones the first migrations made.
 */
export class EntityConstraints1764500000000 implements MigrationInterface {
  name = 'EntityConstraints1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      for (const statement of POSTGRES_UP) await runner.query(statement);
      return;
    }
    // SQLite cannot alter constraints: each table is rebuilt with its final definition and its rows
    // copied over. TypeORM turns foreign keys off while migrations run, so no cascade fires.
    for (const table of SQLITE_TABLES) {
      await runner.query(`CREATE TABLE "new_${table.name}" (${table.definition})`);
      const columns = (await runner.query(`PRAGMA table_info("${table.name}")`)) as { name: string }[];
      const list = columns.map((column) => `"${column.name}"`).join(', ');
      await runner.query(`INSERT INTO "new_${table.name}" (${list}) SELECT ${list} FROM "${table.name}"`);
      await runner.query(`DROP TABLE "${table.name}"`);
      await runner.query(`ALTER TABLE "new_${table.name}" RENAME TO "${table.name}"`);
      for (const index of table.indexes) await runner.query(index);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      for (const statement of POSTGRES_DOWN) await runner.query(statement);
    }
    // SQLite: the rebuilt tables enforce the same rules under other names, and the earlier
    // migrations' down drops them whatever their constraints are called; nothing to undo.
  }
}

const POSTGRES_UP = [
  'ALTER TABLE "region" DROP CONSTRAINT "region_parent_id_fkey"',
  'ALTER TABLE "source" DROP CONSTRAINT "source_country_id_fkey"',
  'ALTER TABLE "photo" DROP CONSTRAINT "photo_credit_id_fkey"',
  'ALTER TABLE "article_source" DROP CONSTRAINT "article_source_article_id_fkey"',
  'ALTER TABLE "article_source" DROP CONSTRAINT "article_source_source_id_fkey"',
  'ALTER TABLE "article_photo" DROP CONSTRAINT "article_photo_article_id_fkey"',
  'ALTER TABLE "article_photo" DROP CONSTRAINT "article_photo_photo_id_fkey"',
  'ALTER TABLE "article_region" DROP CONSTRAINT "article_region_article_id_fkey"',
  'ALTER TABLE "article_region" DROP CONSTRAINT "article_region_region_id_fkey"',
  'ALTER TABLE "article" DROP CONSTRAINT "article_status_check"',
  'ALTER TABLE "region" DROP CONSTRAINT "region_kind_check"',
  'ALTER TABLE "region" DROP CONSTRAINT "region_check"',
  'ALTER TABLE "source" DROP CONSTRAINT "source_kind_check"',
  'ALTER TABLE "api_key" DROP CONSTRAINT "api_key_role_check"',
  'ALTER TABLE "tombstone" DROP CONSTRAINT "tombstone_entity_type_entity_id_key"',
  'ALTER TABLE "article" ALTER COLUMN "byline" DROP DEFAULT',
  'ALTER TABLE "article" ALTER COLUMN "created_at" DROP DEFAULT',
  'ALTER TABLE "article" ALTER COLUMN "updated_at" DROP DEFAULT',
  'ALTER TABLE "region" ALTER COLUMN "created_at" DROP DEFAULT',
  'ALTER TABLE "region" ALTER COLUMN "updated_at" DROP DEFAULT',
  'ALTER TABLE "source" ALTER COLUMN "created_at" DROP DEFAULT',
  'ALTER TABLE "source" ALTER COLUMN "updated_at" DROP DEFAULT',
  'ALTER TABLE "photo" ALTER COLUMN "created_at" DROP DEFAULT',
  'ALTER TABLE "photo" ALTER COLUMN "updated_at" DROP DEFAULT',
  'ALTER TABLE "api_key" ALTER COLUMN "created_at" DROP DEFAULT',
  'ALTER TABLE "article" ADD CONSTRAINT "chk_article_status" CHECK ("status" IN (\'DRAFT\', \'PUBLISHED\', \'ARCHIVED\'))',
  'ALTER TABLE "region" ADD CONSTRAINT "chk_region_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id")',
  "ALTER TABLE \"region\" ADD CONSTRAINT \"chk_region_kind\" CHECK (\"kind\" IN ('CONTINENT', 'SUBREGION', 'COUNTRY', 'PROVINCE', 'CITY', 'OTHER'))",
  "ALTER TABLE \"source\" ADD CONSTRAINT \"chk_source_kind\" CHECK (\"kind\" IN ('NEWS_OUTLET', 'NEWS_AGENCY', 'PHOTO_AGENCY', 'BROADCASTER', 'GOVERNMENT', 'THINK_TANK', 'ACADEMIC', 'SOCIAL_MEDIA', 'OTHER'))",
  "ALTER TABLE \"api_key\" ADD CONSTRAINT \"chk_api_key_role\" CHECK (\"role\" IN ('partner', 'analyst', 'editor', 'admin'))",
  'ALTER TABLE "tombstone" ADD CONSTRAINT "uq_tombstone_entity" UNIQUE ("entity_type", "entity_id")',
  'ALTER TABLE "region" ADD CONSTRAINT "fk_region_parent" FOREIGN KEY ("parent_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
  'ALTER TABLE "source" ADD CONSTRAINT "fk_source_country" FOREIGN KEY ("country_id") REFERENCES "region"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
  'ALTER TABLE "photo" ADD CONSTRAINT "fk_photo_credit" FOREIGN KEY ("credit_id") REFERENCES "source"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
  'ALTER TABLE "article_source" ADD CONSTRAINT "fk_article_source_article" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_source" ADD CONSTRAINT "fk_article_source_source" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_photo" ADD CONSTRAINT "fk_article_photo_article" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_photo" ADD CONSTRAINT "fk_article_photo_photo" FOREIGN KEY ("photo_id") REFERENCES "photo"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_region" ADD CONSTRAINT "fk_article_region_article" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_region" ADD CONSTRAINT "fk_article_region_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
];

const POSTGRES_DOWN = [
  'ALTER TABLE "region" ADD CONSTRAINT "region_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
  'ALTER TABLE "source" ADD CONSTRAINT "source_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "region"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
  'ALTER TABLE "photo" ADD CONSTRAINT "photo_credit_id_fkey" FOREIGN KEY ("credit_id") REFERENCES "source"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
  'ALTER TABLE "article_source" ADD CONSTRAINT "article_source_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_source" ADD CONSTRAINT "article_source_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_photo" ADD CONSTRAINT "article_photo_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_photo" ADD CONSTRAINT "article_photo_photo_id_fkey" FOREIGN KEY ("photo_id") REFERENCES "photo"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_region" ADD CONSTRAINT "article_region_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "article"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "article_region" ADD CONSTRAINT "article_region_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  "ALTER TABLE \"article\" ADD CONSTRAINT \"article_status_check\" CHECK (((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'PUBLISHED'::character varying, 'ARCHIVED'::character varying])::text[])))",
  "ALTER TABLE \"region\" ADD CONSTRAINT \"region_kind_check\" CHECK (((kind)::text = ANY ((ARRAY['CONTINENT'::character varying, 'SUBREGION'::character varying, 'COUNTRY'::character varying, 'PROVINCE'::character varying, 'CITY'::character varying, 'OTHER'::character varying])::text[])))",
  'ALTER TABLE "region" ADD CONSTRAINT "region_check" CHECK (((parent_id IS NULL) OR (parent_id <> id)))',
  "ALTER TABLE \"source\" ADD CONSTRAINT \"source_kind_check\" CHECK (((kind)::text = ANY ((ARRAY['NEWS_OUTLET'::character varying, 'NEWS_AGENCY'::character varying, 'PHOTO_AGENCY'::character varying, 'BROADCASTER'::character varying, 'GOVERNMENT'::character varying, 'THINK_TANK'::character varying, 'ACADEMIC'::character varying, 'SOCIAL_MEDIA'::character varying, 'OTHER'::character varying])::text[])))",
  "ALTER TABLE \"api_key\" ADD CONSTRAINT \"api_key_role_check\" CHECK (((role)::text = ANY ((ARRAY['partner'::character varying, 'analyst'::character varying, 'editor'::character varying, 'admin'::character varying])::text[])))",
  'ALTER TABLE "tombstone" ADD CONSTRAINT "tombstone_entity_type_entity_id_key" UNIQUE ("entity_type", "entity_id")',
  'ALTER TABLE "article" ALTER COLUMN "byline" SET DEFAULT \'[]\'',
  'ALTER TABLE "article" ALTER COLUMN "created_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "article" ALTER COLUMN "updated_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "region" ALTER COLUMN "created_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "region" ALTER COLUMN "updated_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "source" ALTER COLUMN "created_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "source" ALTER COLUMN "updated_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "photo" ALTER COLUMN "created_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "photo" ALTER COLUMN "updated_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "api_key" ALTER COLUMN "created_at" SET DEFAULT date_trunc(\'milliseconds\', now())',
  'ALTER TABLE "article" DROP CONSTRAINT "chk_article_status"',
  'ALTER TABLE "region" DROP CONSTRAINT "chk_region_not_own_parent"',
  'ALTER TABLE "region" DROP CONSTRAINT "chk_region_kind"',
  'ALTER TABLE "source" DROP CONSTRAINT "chk_source_kind"',
  'ALTER TABLE "api_key" DROP CONSTRAINT "chk_api_key_role"',
  'ALTER TABLE "tombstone" DROP CONSTRAINT "uq_tombstone_entity"',
  'ALTER TABLE "region" DROP CONSTRAINT "fk_region_parent"',
  'ALTER TABLE "source" DROP CONSTRAINT "fk_source_country"',
  'ALTER TABLE "photo" DROP CONSTRAINT "fk_photo_credit"',
  'ALTER TABLE "article_source" DROP CONSTRAINT "fk_article_source_article"',
  'ALTER TABLE "article_source" DROP CONSTRAINT "fk_article_source_source"',
  'ALTER TABLE "article_photo" DROP CONSTRAINT "fk_article_photo_article"',
  'ALTER TABLE "article_photo" DROP CONSTRAINT "fk_article_photo_photo"',
  'ALTER TABLE "article_region" DROP CONSTRAINT "fk_article_region_article"',
  'ALTER TABLE "article_region" DROP CONSTRAINT "fk_article_region_region"',
];

/** Parents before children; each table's definition as TypeORM creates it from its entity. */
const SQLITE_TABLES: { name: string; definition: string; indexes: string[] }[] = [
  {
    name: 'region',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(16) NOT NULL, "parent_id" integer, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "uq_region_code" UNIQUE ("code"), CONSTRAINT "chk_region_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"), CONSTRAINT "chk_region_kind" CHECK ("kind" IN (\'CONTINENT\', \'SUBREGION\', \'COUNTRY\', \'PROVINCE\', \'CITY\', \'OTHER\')), CONSTRAINT "fk_region_parent" FOREIGN KEY ("parent_id") REFERENCES "region" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    indexes: ['CREATE INDEX "idx_region_parent" ON "region" ("parent_id")'],
  },
  {
    name: 'source',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(120) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(16) NOT NULL, "url" varchar(2048), "state_affiliated" boolean NOT NULL DEFAULT (0), "country_id" integer, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "uq_source_slug" UNIQUE ("slug"), CONSTRAINT "chk_source_kind" CHECK ("kind" IN (\'NEWS_OUTLET\', \'NEWS_AGENCY\', \'PHOTO_AGENCY\', \'BROADCASTER\', \'GOVERNMENT\', \'THINK_TANK\', \'ACADEMIC\', \'SOCIAL_MEDIA\', \'OTHER\')), CONSTRAINT "fk_source_country" FOREIGN KEY ("country_id") REFERENCES "region" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    indexes: ['CREATE INDEX "idx_source_country" ON "source" ("country_id")'],
  },
  {
    name: 'photo',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "url" varchar(2048) NOT NULL, "caption" text, "alt_text" text, "credit_id" integer, "credit_line" varchar(500), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "fk_photo_credit" FOREIGN KEY ("credit_id") REFERENCES "source" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    indexes: ['CREATE INDEX "idx_photo_credit" ON "photo" ("credit_id")'],
  },
  {
    name: 'article',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "title" varchar(500) NOT NULL, "summary" text, "body" text NOT NULL, "language" varchar(35) NOT NULL, "label" varchar(200), "byline" text NOT NULL, "status" varchar(16) NOT NULL, "version" integer NOT NULL DEFAULT (1), "published_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "deleted_at" datetime, CONSTRAINT "uq_article_slug" UNIQUE ("slug"), CONSTRAINT "chk_article_status" CHECK ("status" IN (\'DRAFT\', \'PUBLISHED\', \'ARCHIVED\'))',
    indexes: [
      'CREATE INDEX "idx_article_status" ON "article" ("status", "deleted_at")',
      'CREATE INDEX "idx_article_listing" ON "article" ((COALESCE("published_at", "created_at")) DESC, "id" DESC)',
    ],
  },
  {
    name: 'article_source',
    definition:
      '"article_id" integer NOT NULL, "source_id" integer NOT NULL, "position" integer NOT NULL, "context" text, CONSTRAINT "fk_article_source_article" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_article_source_source" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("article_id", "source_id")',
    indexes: ['CREATE INDEX "idx_article_source_source" ON "article_source" ("source_id", "article_id")'],
  },
  {
    name: 'article_photo',
    definition:
      '"article_id" integer NOT NULL, "photo_id" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "fk_article_photo_article" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_article_photo_photo" FOREIGN KEY ("photo_id") REFERENCES "photo" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("article_id", "photo_id")',
    indexes: ['CREATE INDEX "idx_article_photo_photo" ON "article_photo" ("photo_id", "article_id")'],
  },
  {
    name: 'article_region',
    definition:
      '"article_id" integer NOT NULL, "region_id" integer NOT NULL, CONSTRAINT "fk_article_region_article" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_article_region_region" FOREIGN KEY ("region_id") REFERENCES "region" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("article_id", "region_id")',
    indexes: ['CREATE INDEX "idx_article_region_region" ON "article_region" ("region_id", "article_id")'],
  },
  {
    name: 'api_key',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "key_hash" varchar(64) NOT NULL, "key_hint" varchar(16) NOT NULL, "created_at" datetime NOT NULL, "revoked_at" datetime, CONSTRAINT "uq_api_key_hash" UNIQUE ("key_hash"), CONSTRAINT "chk_api_key_role" CHECK ("role" IN (\'partner\', \'analyst\', \'editor\', \'admin\'))',
    indexes: [],
  },
  {
    name: 'tombstone',
    definition:
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "entity_type" varchar(32) NOT NULL, "entity_id" varchar(64) NOT NULL, "deleted_at" datetime NOT NULL, CONSTRAINT "uq_tombstone_entity" UNIQUE ("entity_type", "entity_id")',
    indexes: [],
  },
];
