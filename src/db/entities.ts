import { Article } from '../article/article.entity';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { ApiKey } from '../auth/api-key.entity';
import { Photo } from '../photo/photo.entity';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { Tombstone } from '../tombstone/tombstone.entity';

/** An explicit list, so that a file left in a folder never becomes a table by accident. */
export const entities = [Article, ArticleSource, ArticlePhoto, ArticleRegion, Source, Photo, Region, ApiKey, Tombstone];
