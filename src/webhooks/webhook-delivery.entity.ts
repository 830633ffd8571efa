import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdColumn, oneOf, timestampType } from '../db/column-types';
import { ArticleChange } from '../syndication/article-change.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export enum DeliveryStatus {
  /** Waiting for its first attempt or its next retry (or for its endpoint to be enabled again). */
  PENDING = 'PENDING',
  /** The receiver answered 2xx. */
  DELIVERED = 'DELIVERED',
}
registerEnumType(DeliveryStatus, { name: 'WebhookDeliveryStatus' });

/**
 * One change of the feed to one endpoint, until the receiver takes it. A worker claims a due one
 * by moving `nextAttemptAt` past the request's timeout (delivery.ts): a worker that dies during
 * the request leaves it to be sent again then, so a delivery arrives at least once; receivers tell
 * repeats apart by its id.
 */
@Entity('webhook_delivery')
@Unique('uq_webhook_delivery_change', ['endpointId', 'changeSequence'])
@Check('chk_webhook_delivery_status', oneOf('status', Object.values(DeliveryStatus)))
// What the workers claim: the pending deliveries, by when they are due.
@Index('idx_webhook_delivery_due', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
@ObjectType({ description: 'One change of the feed sent (or to be sent) to one webhook.' })
export class WebhookDelivery {
  @IdColumn()
  @Field(() => ID, {
    description: 'The same in every attempt (the X-Webhook-Id header): receivers drop repeats by it.',
  })
  id: number;

  @Column({ name: 'endpoint_id', type: 'integer' })
  endpointId: number;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_delivery_endpoint' })
  endpoint?: WebhookEndpoint;

  @Column({ name: 'change_id', type: 'integer' })
  @Field(() => Int, { description: 'The position of the change in the feed.' })
  changeSequence: number;

  @ManyToOne(() => ArticleChange)
  @JoinColumn({ name: 'change_id', foreignKeyConstraintName: 'fk_webhook_delivery_change' })
  change?: ArticleChange;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Attempts started so far.' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: timestampType })
  nextAttemptAt: Date;

  @Column({ name: 'last_attempt_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_http_status', type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The receiver's HTTP status at the last attempt, when it answered.",
  })
  lastHttpStatus: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null after a success.' })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'created_at', type: timestampType })
  @Field(() => DateTimeResolver)
  createdAt: Date;
}
