import { Article } from '../article/article.entity';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { Photo } from '../photo/photo.entity';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { InitialContent1764370000000 } from './migrations/1764370000000-initial-content';

/** Explicit lists, so that a file left in a folder never becomes a table or a migration by accident. */
export const entities = [Article, ArticleSource, ArticlePhoto, ArticleRegion, Source, Photo, Region];
export const migrations = [InitialContent1764370000000];
