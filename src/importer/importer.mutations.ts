import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import { config } from '../config';
import type { RequestContext } from '../context';
import { importDocument, ImportFormat } from './import';
import { ImportReport } from './import-report.type';

@Resolver()
export class ImporterMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => ImportReport, {
    description:
      'Imports a published page as an article (a DRAFT unless publish), linking the outlets it cites and the places ' +
      'it names; the same page again updates that article. One transaction: a page that fails leaves nothing.',
  })
  async importArticle(
    @Ctx() context: RequestContext,
    @Arg('document', () => String) document: string,
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('publish', () => Boolean, { nullable: true }) publish?: boolean | null,
    @Arg('publishedAt', () => DateTimeResolver, {
      nullable: true,
      description:
        "When the article was first published, for a page that does not say (or says it wrongly); the page's own " +
        'time otherwise, else the time of publishing. Used when the article is first published.',
    })
    publishedAt?: Date | null,
  ): Promise<ImportReport> {
    const report = await importDocument(context.writes, {
      document,
      format,
      publish: publish ?? false,
      publishedAt,
      mediaBaseUrl: config.publicSiteUrl,
    });
    // The import wrote articles, photos, sources and regions this request's loaders may hold.
    for (const loader of Object.values(context.loaders)) {
      for (const one of Object.values(loader as Record<string, { clearAll?: () => void }>)) one.clearAll?.();
    }
    return report as ImportReport;
  }
}
