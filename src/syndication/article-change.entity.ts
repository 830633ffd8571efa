import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index } from 'typeorm';
import { IdColumn, oneOf, timestampType } from '../db/column-types';
import { EditKind } from '../db/edits';

/** What the writes say they did (db/edits.ts), as the change feed names it. */
export const ChangeKind = EditKind;
export type ChangeKind = EditKind;
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What happened to an article (an edit of a source, photo or region it uses is UPDATED).',
});

/**
 * One committed change of one article: the change log that the change feed (`changes`) pages
 * through and that webhooks deliver from. Written in the transaction of the write it records, as
 * its last statement (change-log.ts), so a row exists exactly when its write committed; `sequence`
 * is taken in commit order (change-log.ts says how).
 *
 * `wasPublic` and `isPublic` say whether the article was in the published set before and after.
 * Partners are shown only the changes where one of them is true: what a draft goes through is the
 * newsroom's business, and the feed then replays to exactly the published set.
 */
@Entity('article_change')
@Check('chk_article_change_kind', oneOf('kind', Object.values(ChangeKind)))
// The feed's scan: only the changes partners see, in sequence order.
@Index('idx_article_change_public', ['sequence'], { where: '"was_public" OR "is_public"' })
// "The last change of these articles", which says whether each was public before a new one.
@Index('idx_article_change_article', ['articleId', 'sequence'])
@ObjectType({ description: 'A change of an article in the change feed.' })
export class ArticleChange {
  @IdColumn()
  sequence: number;

  /**
   * The article's row id. No foreign key: its check takes a key-share lock on the article row while
   * the writer holds the log's turn (change-log.ts), and a writer that changed the article's slug
   * holds that row (FOR UPDATE) while it waits for the turn: a deadlock. Articles are never
   * deleted for good (soft delete), so the key would guard nothing the writes do.
   */
  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ChangeKind)
  kind: ChangeKind;

  /** The global id of the source, photo or region whose edit changed the article; null for its own (see the resolver). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  cause: string | null;

  @Column({ name: 'was_public', type: 'boolean' })
  wasPublic: boolean;

  @Column({ name: 'is_public', type: 'boolean' })
  isPublic: boolean;

  @Column({ name: 'happened_at', type: timestampType })
  @Field(() => DateTimeResolver, {
    description:
      'When the write that made the change began (the time its article shows as updatedAt); the order of the ' +
      'feed is the order of commits, which these times may not follow to the millisecond.',
  })
  happenedAt: Date;
}
