import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Photo } from '../photo/photo.entity';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { Article } from './article.entity';

/**
 * The link tables. Each side's relation exists for its foreign key (deleting either end deletes the
 * link); reads go through loaders (article.loaders.ts), which never load relations.
 */

/** An article cites a source; `position` is the order of first citation. */
@Entity('article_source')
@Index('idx_article_source_source', ['sourceId', 'articleId'])
export class ArticleSource {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'source_id', type: 'integer' })
  sourceId: number;

  @Column({ type: 'integer' })
  position: number;

  /** The words that cite the source, e.g. "states Foreign Policy". */
  @Column({ type: 'text', nullable: true })
  context: string | null;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_source_article' })
  article?: Article;

  @ManyToOne(() => Source, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_article_source_source' })
  source?: Source;
}

/** An article shows a photo; `position` is the page order. */
@Entity('article_photo')
@Index('idx_article_photo_photo', ['photoId', 'articleId'])
export class ArticlePhoto {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'photo_id', type: 'integer' })
  photoId: number;

  @Column({ type: 'integer' })
  position: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_photo_article' })
  article?: Article;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_article_photo_photo' })
  photo?: Photo;
}

/** An article is about a region. */
@Entity('article_region')
@Index('idx_article_region_region', ['regionId', 'articleId'])
export class ArticleRegion {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'region_id', type: 'integer' })
  regionId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_region_article' })
  article?: Article;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_article_region_region' })
  region?: Region;
}
