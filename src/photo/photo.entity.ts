import { Directive, Field, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampType } from '../db/column-types';
import { Node } from '../node/node.type';

/** A published picture. `credit` resolves in photo.resolver.ts. */
@Entity('photo')
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
export class Photo extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Column({ type: 'varchar', length: 2048 })
  @Field(() => URLResolver)
  url: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  caption: string | null;

  @Column({ name: 'alt_text', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  altText: string | null;

  @Index()
  @Column({ name: 'credit_id', type: 'integer', nullable: true })
  creditId: number | null;

  /** The credit as printed ("Photo source: TASS"); kept even when no source could be matched. */
  @Column({ name: 'credit_line', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'The credit as printed, e.g. "Photo source: TASS".' })
  creditLine: string | null;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
