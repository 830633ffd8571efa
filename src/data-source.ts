import { DataSource } from 'typeorm';
import { ArticlePhoto, ArticleRegion, ArticleSource } from './article/article-links.entity';
import { Article } from './article/article.entity';
import { ApiKey } from './auth/api-key.entity';
import type { DatabaseConfig } from './config';
import { buildDataSource } from './db/data-source';
import { Correction } from './fact-check/correction.entity';
import { FactCheck } from './fact-check/fact-check.entity';
import { Photo } from './photo/photo.entity';
import { RegionClosure } from './region/region-closure.entity';
import { Region } from './region/region.entity';
import { sqliteSearchFunctions } from './search/sqlite-search';
import { Source } from './source/source.entity';
import { ArticleChange } from './syndication/article-change.entity';
import { Tombstone } from './tombstone/tombstone.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';

/** An explicit list, so that a file left in a folder never becomes a table by accident. */
export const entities = [
  Article,
  ArticleSource,
  ArticlePhoto,
  ArticleRegion,
  Source,
  Photo,
  Region,
  RegionClosure,
  ApiKey,
  Tombstone,
  ArticleChange,
  WebhookEndpoint,
  WebhookDelivery,
  FactCheck,
  Correction,
];

/** Builds (does not connect) the DataSource of the configured database, over every entity. */
export const createDataSource = (db: DatabaseConfig): DataSource =>
  buildDataSource(db, entities, sqliteSearchFunctions);
