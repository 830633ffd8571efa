import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdColumn, oneOf, timestampType } from '../db/column-types';
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
@Unique('uq_region_code', ['code'])
@Check('chk_region_kind', oneOf('kind', Object.values(RegionKind)))
@Check('chk_region_not_own_parent', '"parent_id" IS NULL OR "parent_id" <> "id"')
@Index('idx_region_parent', ['parentId'])
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class Region extends Node {
  @IdColumn()
  rowId: number;

  /** ISO 3166-1 alpha-2 / ISO 3166-2 where one exists ("KZ", "KZ-47"), else a stable slug ("central-asia"). */
  @Column({ type: 'varchar', length: 64 })
  @Field()
  code: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => RegionKind)
  kind: RegionKind;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  /** The foreign key behind parentId; read through loaders (region.loaders.ts), never loaded here. */
  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_region_parent' })
  parent?: Region;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
