import { Directive, Field, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, timestampType } from '../db/column-types';
import { Source } from '../source/source.entity';
import { Node } from '../node/node.type';

/** A published picture. `credit` resolves in photo.resolver.ts. */
@Entity('photo')
@Index('idx_photo_credit', ['creditId'])
@ObjectType({ implements: Node })
@Directive('@key(fields: "id")')
export class Photo extends Node {
  @IdColumn()
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

  @Column({ name: 'credit_id', type: 'integer', nullable: true })
  creditId: number | null;

  /** The foreign key behind creditId; read through loaders, never loaded here. */
  @ManyToOne(() => Source, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'credit_id', foreignKeyConstraintName: 'fk_photo_credit' })
  credit?: Source;

  /** The credit as printed ("Photo source: TASS"); kept even when no source could be matched. */
  @Column({ name: 'credit_line', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'The credit as printed, e.g. "Photo source: TASS".' })
  creditLine: string | null;

  // Rights, as IPTC photo metadata names them (resolved as `rights` in photo.resolver.ts).

  /** IPTC "Copyright Owner": who holds the copyright, e.g. "Getty Images". */
  @Column({ name: 'copyright_holder', type: 'varchar', length: 200, nullable: true })
  copyrightHolder: string | null;

  /** IPTC "Copyright Notice", e.g. "© 2022 Getty Images". */
  @Column({ name: 'copyright_notice', type: 'varchar', length: 500, nullable: true })
  copyrightNotice: string | null;

  /** IPTC "Rights Usage Terms": what the licence allows, in words. */
  @Column({ name: 'usage_terms', type: 'text', nullable: true })
  usageTerms: string | null;

  /** IPTC "Web Statement of Rights": where the licence is stated. */
  @Column({ name: 'license_url', type: 'varchar', length: 2048, nullable: true })
  licenseUrl: string | null;

  /**
   * Whether partners may republish the photo. False until an editor says otherwise: agency
   * licences (Getty Images, Reuters, TASS) rarely extend to a publisher's syndication partners.
   */
  @Column({ name: 'syndication_allowed', type: 'boolean', default: false })
  syndicationAllowed: boolean;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  updatedAt: Date;
}
