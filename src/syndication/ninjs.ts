import { Article, ArticleStatus } from '../article/article.entity';
import type { Citation } from '../article/citation.type';
import { claimReviewGraph } from '../fact-check/claim-review';
import type { Correction } from '../fact-check/correction.entity';
import type { FactCheck } from '../fact-check/fact-check.entity';
import { RATING_SCALE } from '../fact-check/fact-check-rating';
import { toGlobalId } from '../node/global-id';
import { NOT_SYNDICABLE } from '../photo/photo-rights.type';
import type { Photo } from '../photo/photo.entity';
import type { Region } from '../region/region.entity';

/** What an article's ninjs is made of besides the article: its links, as the caller may see them. */
export interface NinjsParts {
  citations: readonly Citation[];
  /** The photos the caller may receive (a partner's: only those it may republish). */
  photos: readonly Photo[];
  regions: readonly Region[];
  /** Photos left out for this caller. */
  withheldPhotos: number;
  factChecks: readonly FactCheck[];
  corrections: readonly Correction[];
}

/** ISO 3166-1 alpha-2 ("KZ") and ISO 3166-2 ("KZ-47") codes, as regions carry them where one exists. */
const ISO_3166_1 = /^[A-Z]{2}$/;
const ISO_3166_2 = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** A region as a ninjs subject or place: its name, its code, and its ISO code as a URN where it has one. */
function place(region: Region): { name: string; rel: string; literal: string; uri?: string } {
  const part = ISO_3166_1.test(region.code) ? '1' : ISO_3166_2.test(region.code) ? '2' : null;
  const uri = part ? { uri: `urn:iso:std:iso:3166:-${part}:${region.code}` } : {};
  return { name: region.name, rel: 'about', literal: region.code, ...uri };
}

/** A photo as a ninjs association: a picture with its caption, credit and rights (IPTC's names). */
function association(photo: Photo, index: number) {
  return withoutEmpty({
    name: `photo${index + 1}`,
    uri: photo.url,
    type: 'picture',
    descriptions: photo.caption ? [{ role: 'caption', value: photo.caption }] : undefined,
    by: photo.creditLine ?? undefined,
    copyrightHolder: photo.copyrightHolder ?? undefined,
    copyrightNotice: photo.copyrightNotice ?? undefined,
    usageTerms: photo.usageTerms ?? undefined,
    rightsInfo: photo.licenseUrl ? { linkedRights: photo.licenseUrl } : undefined,
    renditions: [withoutEmpty({ name: 'original', href: photo.url, title: photo.altText ?? undefined })],
  });
}

/**
 * Corrections and fact-checks as ninjs descriptions, which ninjs has for publishable metadata with a
 * role of the provider's naming (it has no property of its own for either): each correction with its
 * date, each fact-check as a sentence, and all the fact-checks as schema.org ClaimReview JSON-LD
 * (role "claimReview", application/ld+json), for systems that read them as data.
 */
function notes(article: Article, parts: NinjsParts, siteUrl: string) {
  const corrections = parts.corrections.map((correction) => ({
    role: 'correction',
    contentType: 'text/plain',
    value: `Corrected ${correction.correctedAt.toISOString()}: ${correction.text}`,
  }));
  const factChecks = parts.factChecks.map((factCheck) => ({
    role: 'factCheck',
    contentType: 'text/plain',
    value:
      `${factCheck.claimantName} claimed: “${factCheck.claim}” Rated ${RATING_SCALE[factCheck.rating].label}.` +
      (factCheck.ratingExplanation ? ` ${factCheck.ratingExplanation}` : ''),
  }));
  const graph = claimReviewGraph(article, parts.factChecks, siteUrl);
  const claimReview = graph
    ? [{ role: 'claimReview', contentType: 'application/ld+json', value: JSON.stringify(graph) }]
    : [];
  return [...corrections, ...factChecks, ...claimReview];
}

/**
 * An article as IPTC ninjs 3.1 (News in JSON), for partners' systems: headline, summary, body,
 * byline, label as genre, regions as subjects and places, cited outlets as info sources, photos as
 * associations with their rights, corrections and fact-checks as descriptions (notes above). `uri` is the article's address on the site: what ninjs asks of
 * an identifier, stable across versions. A photo withheld from the caller is not in it; `edNote`
 * says how many were left out and why.
 */
export function toNinjs(article: Article, parts: NinjsParts, siteUrl: string): Record<string, unknown> {
  const words = article.body.split(/\s+/).filter(Boolean).length;
  const descriptions = [
    ...(article.summary ? [{ role: 'summary', value: article.summary }] : []),
    ...notes(article, parts, siteUrl),
  ];
  return withoutEmpty({
    uri: `${siteUrl}/articles/${encodeURIComponent(article.slug)}`,
    type: 'text',
    representationType: 'full',
    version: String(article.version),
    firstCreated: article.createdAt.toISOString(),
    versionCreated: article.updatedAt.toISOString(),
    contentCreated: article.publishedAt?.toISOString(),
    pubStatus:
      article.deletedAt !== null ? 'canceled' : article.status === ArticleStatus.PUBLISHED ? 'usable' : 'withheld',
    language: article.language,
    headlines: [{ value: article.title }],
    descriptions: descriptions.length ? descriptions : undefined,
    bodies: [{ contentType: 'text/plain', value: article.body, charCount: article.body.length, wordCount: words }],
    by: article.byline.length ? article.byline.join(', ') : undefined,
    genres: article.label ? [{ name: article.label }] : undefined,
    subjects: parts.regions.length ? parts.regions.map(place) : undefined,
    places: parts.regions.length ? parts.regions.map(place) : undefined,
    located: parts.regions[0]?.name,
    infoSources: parts.citations.length
      ? parts.citations.map(({ source }) =>
          withoutEmpty({ name: source.name, role: 'cited', uri: source.url ?? undefined }),
        )
      : undefined,
    associations: parts.photos.length ? parts.photos.map(association) : undefined,
    edNote: parts.withheldPhotos ? `${parts.withheldPhotos} photo(s) left out. ${NOT_SYNDICABLE}` : undefined,
    altIds: [
      { role: 'id', value: toGlobalId('Article', article.rowId) },
      { role: 'slug', value: article.slug },
    ],
  });
}

/** The object without its undefined properties: ninjs leaves out what it does not have. */
function withoutEmpty<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
