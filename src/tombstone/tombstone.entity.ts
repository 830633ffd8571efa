import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Unique } from 'typeorm';
import { IdColumn, timestampType } from '../db/column-types';

/**
 * What is left of a deleted entity: enough for a syndication partner to find and remove its copy.
 * Written in the same transaction as the delete, so there is never one without the other.
 */
@Entity('tombstone')
@Unique('uq_tombstone_entity', ['entityType', 'entityId'])
@ObjectType({ description: 'A deleted entity; partners remove their copies of it.' })
export class Tombstone {
  @IdColumn()
  @Field(() => Int, { description: 'Increases with every deletion; pass the last one seen as `after`.' })
  sequence: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  @Field({ description: 'The GraphQL type of the deleted entity, e.g. "Article".' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  @Field(() => ID, { description: 'The global id the entity had.' })
  entityId: string;

  @Column({ name: 'deleted_at', type: timestampType })
  @Field(() => DateTimeResolver)
  deletedAt: Date;
}
