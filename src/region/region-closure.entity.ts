import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Region } from './region.entity';

/**
 * The region tree's closure: one row for every region and each region at or above it (depth 0 is
 * the region itself, 1 its parent, …). What reads a subtree or a lineage joins this instead of
 * walking `parent_id` recursively: a continent's regions are one index range, a region's ancestors
 * a few key lookups. Kept in step with `region.parent_id` by every region write, in its transaction
 * (region-closure.writes.ts); deleting a region deletes its rows.
 */
@Entity('region_closure')
@Index('idx_region_closure_descendant', ['descendantId', 'depth'])
export class RegionClosure {
  @PrimaryColumn({ name: 'ancestor_id', type: 'integer', primaryKeyConstraintName: 'pk_region_closure' })
  ancestorId: number;

  @PrimaryColumn({ name: 'descendant_id', type: 'integer', primaryKeyConstraintName: 'pk_region_closure' })
  descendantId: number;

  @Column({ type: 'integer' })
  depth: number;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ancestor_id', foreignKeyConstraintName: 'fk_region_closure_ancestor' })
  ancestor?: Region;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'descendant_id', foreignKeyConstraintName: 'fk_region_closure_descendant' })
  descendant?: Region;
}
