import { existsSync, readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { Article } from '../article/article.entity';
import { oneAtATime } from '../db/one-at-a-time';
import { Writes } from '../db/transaction';
import { formatOfFile, importDocument } from '../importer/import';
import { Region } from '../region/region.entity';
import { recordEdits } from '../syndication/change-log';

/**
 * The sample `npm start` serves: the scraped analysis the importer was built for, read from the
 * working directory (like the supergraph; the Docker image copies it). The page gives no
 * publication time, so the sample is dated as an editor importing it would: the Monday after the
 * events it reports (January 9th is its latest date).
 */
export const SAMPLE = {
  page: 'fixtures/kazakhstan-unrest-2022.txt',
  publishedAt: new Date('2022-01-10T08:00:00.000Z'),
};

/**
 * Loads the sample into an empty database by importing its page, published, through the importer
 * every other page goes through: the outlets it cites and the places it names come from the
 * importer's curated data (src/importer/data), in one transaction, logged in the change feed like
 * any import. A database that holds any article or region is left alone, so a restart never
 * duplicates or overwrites real content, and of instances starting together on an empty database
 * the first loads it and the others find it.
 */
export async function seedSampleIfEmpty(
  dataSource: DataSource,
  mediaBaseUrl: string,
  sample: { page: string; publishedAt: Date | null } = SAMPLE,
): Promise<boolean> {
  if (!existsSync(sample.page)) {
    throw new Error(
      `The sample page ${sample.page} is not under the working directory ${process.cwd()}: start the service from ` +
        'the project folder, or set SEED_SAMPLE=0 to start without the sample.',
    );
  }
  const document = readFileSync(sample.page, 'utf8');
  return oneAtATime(dataSource, 'content-service sample', async () => {
    const { manager } = dataSource;
    if ((await manager.count(Article, { withDeleted: true })) + (await manager.count(Region)) > 0) return false;
    await importDocument(new Writes(dataSource, recordEdits), {
      document,
      format: formatOfFile(sample.page),
      publish: true,
      publishedAt: sample.publishedAt,
      mediaBaseUrl,
    });
    return true;
  });
}
