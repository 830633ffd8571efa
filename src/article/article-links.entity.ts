import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An article cites a source; `position` is the order of first citation. */
@Entity('article_source')
@Index(['sourceId', 'articleId'])
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
}

/** An article shows a photo; `position` is the page order. */
@Entity('article_photo')
@Index(['photoId', 'articleId'])
export class ArticlePhoto {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'photo_id', type: 'integer' })
  photoId: number;

  @Column({ type: 'integer' })
  position: number;
}

/** An article is about a region. */
@Entity('article_region')
@Index(['regionId', 'articleId'])
export class ArticleRegion {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'region_id', type: 'integer' })
  regionId: number;
}
