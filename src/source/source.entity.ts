import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdColumn, oneOf, timestampType } from '../db/column-types';
import { Region } from '../region/region.entity';
import { Node } from '../node/node.type';

export enum SourceKind {
  NEWS_OUTLET = 'NEWS_OUTLET',
  NEWS_AGENCY = 'NEWS_AGENCY',
  PHOTO_AGENCY = 'PHOTO_AGENCY',
  BROADCASTER = 'BROADCASTER',
  GOVERNMENT = 'GOVERNMENT',
  THINK_TANK = 'THINK_TANK',
  ACADEMIC = 'ACADEMIC',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  OTHER = 'OTHER',
}
registerEnumType(SourceKind, { name: 'SourceKind' });

/** An outlet an article cites or a photo is credited to. Relations resolve in source.resolver.ts. */
@Entity('source')
@Unique('uq_source_slug', ['slug'])
@Check('chk_source_kind', oneOf('kind', Object.values(SourceKind)))
@Index('idx_source_country', ['countryId'])
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
export class Source extends Node {
  @IdColumn()
  rowId: number;

  @Column({ type: 'varchar', length: 120 })
  @Field()
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  @Field({ description: '"Foreign Policy", "TASS", "Getty Images"' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SourceKind)
  kind: SourceKind;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  @Field(() => URLResolver, { nullable: true })
  url: string | null;

  @Column({ name: 'state_affiliated', type: 'boolean', default: false })
  @Field({ description: 'True for state-controlled media such as TASS or Sputnik.' })
  stateAffiliated: boolean;

  @Column({ name: 'country_id', type: 'integer', nullable: true })
  countryId: number | null;

  /** The foreign key behind countryId; read through loaders, never loaded here. */
  @ManyToOne(() => Region, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'country_id', foreignKeyConstraintName: 'fk_source_country' })
  country?: Region;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
