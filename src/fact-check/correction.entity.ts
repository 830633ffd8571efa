import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Article } from '../article/article.entity';
import { IdColumn, timestampType } from '../db/column-types';
import { toGlobalId } from '../node/global-id';

/**
 * A correction published with an article: when it was made and what it says. Part of its article,
 * as fact-checks are (fact-check.entity.ts).
 */
@Entity('correction')
@Index('idx_correction_article', ['articleId', 'correctedAt'])
@ObjectType({ description: 'A dated correction of the article, as printed with it.' })
export class Correction {
  @IdColumn()
  rowId: number;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Correction', this.rowId);
  }

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_correction_article' })
  article?: Article;

  @Column({ name: 'corrected_at', type: timestampType })
  @Field(() => DateTimeResolver, { description: 'When the article was corrected.' })
  correctedAt: Date;

  @Column({ type: 'text' })
  @Field({ description: 'What was corrected, e.g. "An earlier version misstated the date of the protests."' })
  text: string;
}
