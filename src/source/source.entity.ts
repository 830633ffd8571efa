import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampType } from '../db/column-types';
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
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
export class Source extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Index({ unique: true })
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

  @Index()
  @Column({ name: 'country_id', type: 'integer', nullable: true })
  countryId: number | null;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
