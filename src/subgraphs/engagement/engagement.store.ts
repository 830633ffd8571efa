/** Audience numbers for one article. */
export interface ArticleStats {
  readonly views: number;
  readonly shares: number;
  readonly comments: number;
}

export interface EngagementSeed {
  /** By article slug: the key this team shares with the content service. */
  readonly articles: Readonly<Record<string, ArticleStats>>;
  /** By region code. */
  readonly regionFollowers: Readonly<Record<string, number>>;
}

/** What the example starts with: numbers for the sample article and the regions it is about. */
export const sampleEngagement: EngagementSeed = {
  articles: {
    'whats-happening-in-kazakhstan': { views: 18_240, shares: 412, comments: 37 },
  },
  regionFollowers: {
    asia: 20_400,
    'central-asia': 2_870,
    KZ: 5_130,
    'KZ-47': 310,
    'KZ-75': 1_220,
    RU: 12_900,
    CN: 9_800,
    US: 15_300,
  },
};

const NO_STATS: ArticleStats = Object.freeze({ views: 0, shares: 0, comments: 0 });

/**
 * This team's own store, in memory: the example keeps no database so that what it shows is the
 * federation, not storage. A real service would answer `statsFor` for all the keys of one
 * `_entities` call with one query, as the content service's loaders do.
 */
export class EngagementStore {
  private readonly articles: Map<string, ArticleStats>;
  private readonly followers: Map<string, number>;

  constructor(seed: EngagementSeed = sampleEngagement) {
    this.articles = new Map(Object.entries(seed.articles));
    this.followers = new Map(Object.entries(seed.regionFollowers));
  }

  /** An article nobody has read yet has zeros, not null: null means this service did not answer. */
  statsFor(slug: string): ArticleStats {
    return this.articles.get(slug) ?? NO_STATS;
  }

  followersOf(regionCode: string): number {
    return this.followers.get(regionCode) ?? 0;
  }

  /** Slugs of the most viewed articles, most viewed first, ties by slug. */
  trending(first: number): string[] {
    return [...this.articles.entries()]
      .sort(([slugA, a], [slugB, b]) => b.views - a.views || slugA.localeCompare(slugB))
      .slice(0, first)
      .map(([slug]) => slug);
  }
}
