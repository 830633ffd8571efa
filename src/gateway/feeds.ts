import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import escapeHtml from 'escape-html';
import { Feed } from 'feed';
import type { Logger } from 'pino';
import { ExecuteOperation, runOperation, sendText } from './http-exports';

/** GET /feeds/regions/<code>.atom|.json and /feeds/labels/<label>.atom|.json */
export const FEED_PATH = /^\/feeds\/(regions|labels)\/([^/]+)\.(atom|json)$/;

/** Entries per feed: what a feed reader polls for, newest first. */
const FEED_ENTRIES = 50;

const ENTRY_FIELDS = /* GraphQL */ `
  edges {
    node {
      id
      url
      title
      summary
      byline
      label
      publishedAt
      updatedAt
      photos {
        url
        caption
      }
      corrections {
        correctedAt
        text
      }
      factChecks {
        claim
        claimantName
        appearanceUrl
        rating
        ratingLabel
        ratingValue
        ratingExplanation
      }
    }
  }
`;

/** Safelisted (scripts/reference-operations.ts), as the other downloads' operations are. */
export const REGION_FEED_QUERY = /* GraphQL */ `
  query RegionFeed($code: String!) {
    region(code: $code) {
      name
    }
    articles(first: ${FEED_ENTRIES}, filter: { regionCode: $code }) {
      ${ENTRY_FIELDS}
    }
  }
`;
export const LABEL_FEED_QUERY = /* GraphQL */ `
  query LabelFeed($label: String!) {
    articles(first: ${FEED_ENTRIES}, filter: { label: $label }) {
      ${ENTRY_FIELDS}
    }
  }
`;

interface Entry {
  id: string;
  url: string;
  title: string;
  summary: string | null;
  byline: string[];
  label: string | null;
  publishedAt: string | null;
  updatedAt: string;
  photos: { url: string; caption: string | null }[];
  corrections: { correctedAt: string; text: string }[];
  factChecks: {
    claim: string;
    claimantName: string;
    appearanceUrl: string | null;
    rating: string;
    ratingLabel: string;
    ratingValue: number | null;
    ratingExplanation: string | null;
  }[];
}

interface FeedData {
  region?: { name: string } | null;
  articles: { edges: { node: Entry }[] };
}

/**
 * The newest articles about a region (the regions below it included) or with a label, as Atom 1.0
 * or JSON Feed, built by the `feed` package from an `articles` query run through the gateway's own
 * pipeline with the caller's key: drafts stay out, and a partner's entries carry only pictures it
 * may republish. Each answer has a weak ETag of what the feed says, which a reader sends back to
 * get 304 while nothing changed, and a Last-Modified (the newest entry's update) for information.
 */
export async function articleFeed(
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  siteUrl: string,
  execute: ExecuteOperation,
  log: Pick<Logger, 'error'>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Feeds are read with GET.', { allow: 'GET, HEAD' });
  }
  const [path, kind, encoded, format] = match;
  let key: string;
  try {
    key = decodeURIComponent(encoded);
  } catch {
    return sendText(res, 400, `"${encoded}" is not a region code or label; percent-encode it as a URL path segment.`);
  }
  const byRegion = kind === 'regions';
  const body = byRegion
    ? { query: REGION_FEED_QUERY, variables: { code: key } }
    : { query: LABEL_FEED_QUERY, variables: { label: key } };
  const answer = await runOperation<FeedData>(req, res, execute, body, log);
  if (!answer) return;
  if (byRegion && !answer.data.region) return sendText(res, 404, `There is no region with the code "${key}".`);

  const entries = answer.data.articles.edges.map((edge) => edge.node);
  // A weak tag of what the feed says, not of its bytes: an empty feed's `updated` is the time of
  // asking, and the answer is the same feed.
  const etag = `W/"${createHash('sha256')
    .update(`${format}\0${JSON.stringify(answer.data)}`)
    .digest('base64url')
    .slice(0, 27)}"`;
  const lastModified = entries.reduce<Date | null>((newest, entry) => {
    const updated = new Date(entry.updatedAt);
    return newest && newest >= updated ? newest : updated;
  }, null);
  const title = text(byRegion ? `Articles about ${answer.data.region!.name}` : `Articles labelled ${key}`, false);
  const feed = new Feed({
    id: `${siteUrl}${path}`,
    title,
    link: siteUrl,
    updated: lastModified ?? undefined,
    copyright: `© ${new URL(siteUrl).hostname}`,
    feedLinks: { [format === 'atom' ? 'atom' : 'json']: `${siteUrl}${path}` },
  });
  for (const entry of entries) {
    const [photo] = entry.photos;
    feed.addItem({
      id: entry.url,
      link: entry.url,
      // Atom's entry title is HTML; JSON Feed's is text.
      title: text(entry.title, format === 'atom'),
      description: entry.summary ? text(entry.summary) : undefined,
      // The package reads the first author of every item: none at all, not an empty list.
      author: entry.byline.length ? entry.byline.map((name) => ({ name: text(name, false) })) : undefined,
      date: new Date(entry.updatedAt),
      published: entry.publishedAt ? new Date(entry.publishedAt) : undefined,
      category: categories(entry, format),
      image: photo?.url,
      ...(format === 'atom' ? { content: atomNotes(entry) } : { extensions: jsonFeedNotes(entry) }),
    });
  }
  const document = format === 'atom' ? feed.atom1() : feed.json1();
  const headers: Record<string, string> = {
    etag,
    // What the gateway said of the GraphQL answer: public for anonymous readers, private for a key.
    'cache-control': answer.headers.get('cache-control') ?? 'no-store',
    vary: 'authorization',
    ...(lastModified ? { 'last-modified': lastModified.toUTCString() } : {}),
  };
  if (notModified(req, etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(200, {
    ...headers,
    'content-type': format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
    'content-length': Buffer.byteLength(document),
  });
  res.end(req.method === 'HEAD' ? undefined : document);
}

/** Where Atom categories of fact-check ratings come from: the rating names of schema.org's ClaimReview. */
const RATING_SCHEME = 'https://schema.org/ClaimReview';

/** The label, and in Atom each fact-check's rating (JSON Feed's tags stay the label: its notes carry the ratings). */
function categories(entry: Entry, format: string) {
  const label = entry.label ? [{ name: attribute(entry.label), term: attribute(entry.label) }] : [];
  const ratings =
    format === 'atom'
      ? [...new Set(entry.factChecks.map((check) => check.rating))].map((rating) => ({
          name: `Fact-check: ${entry.factChecks.find((check) => check.rating === rating)!.ratingLabel}`,
          term: rating,
          scheme: RATING_SCHEME,
        }))
      : [];
  const all = [...label, ...ratings];
  return all.length ? all : undefined;
}

/**
 * An Atom entry's corrections and fact-checks, as the HTML of its content after the summary (Atom
 * has no element for either); undefined when it has none, so the entry keeps only its summary.
 */
function atomNotes(entry: Entry): string | undefined {
  if (!entry.corrections.length && !entry.factChecks.length) return undefined;
  const paragraph = (lead: string, rest: string) => `<p><strong>${text(lead)}</strong> ${text(rest)}</p>`;
  return [
    ...(entry.summary ? [`<p>${text(entry.summary)}</p>`] : []),
    ...entry.corrections.map((correction) =>
      paragraph(`Correction, ${correction.correctedAt.slice(0, 10)}:`, correction.text),
    ),
    ...entry.factChecks.map((check) =>
      paragraph(
        `Fact-check: ${check.ratingLabel}.`,
        `${check.claimantName} claimed: “${check.claim}”${check.ratingExplanation ? ` ${check.ratingExplanation}` : ''}`,
      ),
    ),
  ].join('\n');
}

/**
 * A JSON Feed item's corrections and fact-checks, as a custom object (the spec's way to add what it
 * does not have: a name starting with "_"); none when the article has neither. Ratings carry
 * schema.org's 1–5 scale (null for UNPROVEN).
 */
function jsonFeedNotes(entry: Entry) {
  if (!entry.corrections.length && !entry.factChecks.length) return undefined;
  return [
    {
      name: '_fact_checking',
      objects: {
        corrections: entry.corrections.map((correction) => ({ date: correction.correctedAt, text: correction.text })),
        fact_checks: entry.factChecks.map((check) => ({
          claim: check.claim,
          claimant: check.claimantName,
          appearance_url: check.appearanceUrl,
          rating: check.rating,
          rating_label: check.ratingLabel,
          rating_value: check.ratingValue,
          // The scale of Article.factChecks' ratingValue (schema.org's bestRating and worstRating).
          best_rating: 5,
          worst_rating: 1,
          rating_explanation: check.ratingExplanation,
        })),
      },
    },
  ];
}

/**
 * 304 when the reader's copy is this feed, as its ETag says. If-Modified-Since is not honoured:
 * Last-Modified is the newest entry's update, and a feed also changes when an entry leaves it or a
 * picture's licence changes, which no date of the entries shows (RFC 9110 lets a server ignore it).
 */
function notModified(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return noneMatch.trim() === '*' || noneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Characters XML 1.0 cannot carry at all (most control characters), which an editor's text may hold. */
const NOT_IN_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Plain text for a field the package writes as HTML (Atom's entry title and summary, JSON Feed's
 * `content_html`): escaped, so that a title such as "<b>" is read as text; `html` false for fields
 * it writes as text (which it escapes itself).
 */
function text(value: string, html = true): string {
  const clean = value.replace(NOT_IN_XML, '');
  return html ? escapeHtml(clean) : clean;
}

/**
 * A value the package writes as an XML attribute (an Atom category): it escapes `&` there but not
 * `<` or `>`, which would make the feed malformed, so those two are left out.
 */
const attribute = (value: string): string => value.replace(NOT_IN_XML, '').replace(/[<>]/g, '');
