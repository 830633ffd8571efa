import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Article } from '../article/article.entity';
import { IdColumn, oneOf, timestampType } from '../db/column-types';
import { toGlobalId } from '../node/global-id';
import { ClaimantKind, FactCheckRating } from './fact-check-rating';

/**
 * A claim an article checks, shaped as schema.org's ClaimReview: the claim, who made it, where and
 * when it appeared, and the verdict. Part of its article: changed through the article's mutations
 * (each a new version of the article), read through `Article.factChecks`, gone with the article.
 */
@Entity('fact_check')
@Check('chk_fact_check_rating', oneOf('rating', Object.values(FactCheckRating)))
@Check('chk_fact_check_claimant_kind', oneOf('claimant_kind', Object.values(ClaimantKind)))
@Index('idx_fact_check_article', ['articleId', 'position'])
@ObjectType({ description: 'A claim the article checks, with its verdict (schema.org ClaimReview).' })
export class FactCheck {
  @IdColumn()
  rowId: number;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('FactCheck', this.rowId);
  }

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_fact_check_article' })
  article?: Article;

  /** 1, 2, … in the order the article presents its fact-checks. */
  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Its place among the article’s fact-checks, from 1.' })
  position: number;

  @Column({ type: 'text' })
  @Field({ description: 'The claim as made, e.g. "Fuel prices doubled overnight".' })
  claim: string;

  @Column({ name: 'claimant_name', type: 'varchar', length: 200 })
  @Field({ description: 'Who made the claim.' })
  claimantName: string;

  @Column({ name: 'claimant_kind', type: 'varchar', length: 16 })
  @Field(() => ClaimantKind)
  claimantKind: ClaimantKind;

  @Column({ name: 'claimant_url', type: 'varchar', length: 2048, nullable: true })
  @Field(() => String, { nullable: true, description: 'A page that identifies the claimant.' })
  claimantUrl: string | null;

  @Column({ name: 'appearance_url', type: 'varchar', length: 2048, nullable: true })
  @Field(() => String, { nullable: true, description: 'Where the claim appeared.' })
  appearanceUrl: string | null;

  @Column({ name: 'appeared_at', type: timestampType, nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the claim was made.' })
  appearedAt: Date | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => FactCheckRating)
  rating: FactCheckRating;

  @Column({ name: 'rating_explanation', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the claim got its rating, in a sentence or two.' })
  ratingExplanation: string | null;

  @Column({ name: 'created_at', type: timestampType })
  @Field(() => DateTimeResolver)
  createdAt: Date;

  @Column({ name: 'updated_at', type: timestampType })
  @Field(() => DateTimeResolver)
  updatedAt: Date;
}
