import { InitialContent1764370000000 } from './1764370000000-initial-content';
import { EditorialWrites1764400000000 } from './1764400000000-editorial-writes';
import { EntityConstraints1764500000000 } from './1764500000000-entity-constraints';
import { ApiKeySafelist1764610000000 } from './1764610000000-api-key-safelist';
import { ArticleSearch1764700000000 } from './1764700000000-article-search';
import { PhotoRights1764800000000 } from './1764800000000-photo-rights';
import { ArticleChanges1764900000000 } from './1764900000000-article-changes';
import { FactChecks1765000000000 } from './1765000000000-fact-checks';
import { Webhooks1765100000000 } from './1765100000000-webhooks';
import { RegionClosure1765200000000 } from './1765200000000-region-closure';

/** In order of application. */
export const migrations = [
  InitialContent1764370000000,
  EditorialWrites1764400000000,
  EntityConstraints1764500000000,
  ApiKeySafelist1764610000000,
  ArticleSearch1764700000000,
  PhotoRights1764800000000,
  ArticleChanges1764900000000,
  FactChecks1765000000000,
  Webhooks1765100000000,
  RegionClosure1765200000000,
];
