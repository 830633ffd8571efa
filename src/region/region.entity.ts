import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampType } from '../db/column-types';
import { Node } from '../node/node.type';

export enum RegionKind {
  CONTINENT = 'CONTINENT',
  SUBREGION = 'SUBREGION',
  COUNTRY = 'COUNTRY',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  OTHER = 'OTHER',
}
registerEnumType(RegionKind, { name: 'RegionKind' });

/** A place: continent > subregion > country > province/city. Relations resolve in region.resolver.ts. */
@Entity('region')
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class Region extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  /** ISO 3166-1 alpha-2 / ISO 3166-2 where one exists ("KZ", "KZ-47"), else a stable slug ("central-asia"). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  @Field()
  code: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => RegionKind)
  kind: RegionKind;

  @Index()
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
