import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { IdColumn, timestampType } from '../db/column-types';
import { ChangeKind } from '../syndication/article-change.entity';

/**
 * A partner's receiver of the change feed: the changes its key may see (the feed's, article-change
 * .entity.ts), of the kinds it asked for, are POSTed to `url`, signed with `secret` (signature.ts).
 *
 * `cursorSequence` is how far the change log has been fanned out into deliveries for this
 * endpoint (fan-out.ts): the log is the outbox, written in each write's transaction, and the
 * cursor moves in the transaction that inserts the deliveries, so a worker that dies anywhere
 * resumes exactly where the last commit left off.
 */
@Entity('webhook_endpoint')
@Index('idx_webhook_endpoint_api_key', ['apiKeyId'])
@ObjectType({ description: "A partner's webhook: where the changes of the feed are delivered, signed." })
export class WebhookEndpoint {
  @IdColumn()
  @Field(() => ID)
  id: number;

  @Column({ name: 'api_key_id', type: 'integer' })
  @Field(() => Int, { description: 'The partner API key it serves (its id in `npm run apikey -- list`).' })
  apiKeyId: number;

  @ManyToOne(() => ApiKey)
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_webhook_endpoint_api_key' })
  apiKey?: ApiKey;

  @Column({ type: 'varchar', length: 2048 })
  @Field({ description: 'Where deliveries are POSTed.' })
  url: string;

  /** The kinds of change delivered, comma-separated in the column. */
  @Column({ type: 'simple-array' })
  @Field(() => [ChangeKind], { description: 'The kinds of change delivered.' })
  events: ChangeKind[];

  /** Signs every delivery. Kept as it is, since signing needs it; shown to the admin once, at registration. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'False: nothing is fanned out or sent until an admin enables it again.' })
  enabled: boolean;

  @Column({ name: 'disabled_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who or what disabled it, and why.' })
  disabledReason: string | null;

  @Column({ name: 'failing_since', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'The first failure since the last success; failing for WEBHOOK_DISABLE_AFTER_MS disables it.',
  })
  failingSince: Date | null;

  @Column({ name: 'cursor_sequence', type: 'integer' })
  cursorSequence: number;

  @Column({ name: 'created_at', type: timestampType })
  @Field(() => DateTimeResolver)
  createdAt: Date;
}
