import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { IdColumn, onPostgres, oneOf, timestampType } from '../db/column-types';
import { Node } from '../node/node.type';

/**
 * The text search configuration of an article's language: Snowball stemming for English and
 * Romanian, words as they are for any other language, all without diacritics (the configurations
 * are made by the search migration; src/search/search-text.ts does the same in JavaScript).
 */
const SEARCH_CONFIG =
  "CASE lower(split_part(language, '-', 1)) WHEN 'en' THEN 'content_en'::regconfig " +
  "WHEN 'ro' THEN 'content_ro'::regconfig ELSE 'content_simple'::regconfig END";

/**
 * What full-text search matches and ranks on PostgreSQL: the title weighs most, then the summary.
 * The texts are plain text, but PostgreSQL's parser reads `<…>` and `&…;` as HTML and skips them
 * (after "<script>", the rest of the text): those characters are read as spaces. The last lexeme,
 * `lang en` (a space: no text makes it), names the configuration the text went through, so that
 * one tsquery can ask for each language's stems in that language's articles only (search.query.ts).
 */
export const SEARCH_DOCUMENT =
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(title, '<>&', '   ')), 'A') || ` +
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(coalesce(summary, ''), '<>&', '   ')), 'B') || ` +
  `setweight(to_tsvector(${SEARCH_CONFIG}, translate(body, '<>&', '   ')), 'C') || ` +
  "array_to_tsvector(ARRAY['lang ' || CASE lower(split_part(language, '-', 1)) WHEN 'en' THEN 'en' " +
  "WHEN 'ro' THEN 'ro' ELSE 'simple' END])";

export enum ArticleStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ArticleStatus, { name: 'ArticleStatus' });

/**
 * A piece of journalism. Its relations (sources, photos, regions) are not TypeORM relations: they
 * resolve in article.resolver.ts through per-request loaders, so no resolver reads rows one by one.
 */
@Entity('article')
@Unique('uq_article_slug', ['slug'])
@Check('chk_article_status', oneOf('status', Object.values(ArticleStatus)))
@Index('idx_article_status', ['status', 'deletedAt'])
// Every list's order, (COALESCE(published_at, created_at) DESC, id DESC): an expression index, which
// entity metadata cannot describe; its migration creates it, and schema sync leaves it alone.
@Index('idx_article_listing', { synchronize: false })
// Full-text search (src/search): a GIN index on searchDocument on PostgreSQL, made by its migration
// (entity metadata has no GIN); SQLite has an FTS5 table instead.
@Index('idx_article_search', { synchronize: false })
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
export class Article extends Node {
  @IdColumn()
  rowId: number;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  slug: string;

  @Column({ type: 'varchar', length: 500 })
  @Field()
  title: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  summary: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'Plain text, paragraphs separated by a blank line.' })
  body: string;

  @Column({ type: 'varchar', length: 35 })
  @Field({ description: 'BCP 47 language tag, e.g. "en", "ro".' })
  language: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'e.g. "Newsletter Exclusive"' })
  label: string | null;

  @Column({ type: 'simple-json' })
  @Field(() => [String], { description: 'Author names, e.g. ["Mălina Mîndruțescu"].' })
  byline: string[];

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ArticleStatus)
  status: ArticleStatus;

  @Column({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Increases on every change; updates must send the version they read.' })
  version: number;

  @Column({ name: 'published_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_at', type: timestampType })
  @Field(() => DateTimeResolver)
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  @Field(() => DateTimeResolver)
  updatedAt: Date;

  /**
   * PostgreSQL only: the words of the article for full-text search, kept by the database itself in
   * every write's own transaction. Never selected: only search statements read it.
   */
  @onPostgres(
    Column({
      name: 'search_document',
      type: 'tsvector',
      generatedType: 'STORED',
      asExpression: SEARCH_DOCUMENT,
      select: false,
      insert: false,
      update: false,
    }),
  )
  searchDocument?: never;

  /** Soft delete: the row stays for editors and leaves a tombstone for syndication. */
  @Column({ name: 'deleted_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: 'Set once deleted; only the newsroom sees those.' })
  deletedAt: Date | null;
}
