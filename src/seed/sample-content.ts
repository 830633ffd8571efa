import { ArticleStatus } from '../article/article.entity';
import { RegionKind } from '../region/region.entity';
import { SourceKind } from '../source/source.entity';

/**
 * The sample content: fixtures/kazakhstan-unrest-2022.txt written out by hand (the importer will
 * replace this). Left out of the body, as the site's own chrome rather than the article: the
 * "Verifica Menajeria de Fake News" banner, the label/byline line, photo captions and credits (they
 * are photos below), the "For more True Story Project analyses" promotion and the
 * "#Te-ar mai putea interesa și" footer. The truncated paragraph ("petroleum gas (LPG) from 60
 * tenge…") is kept as the page has it.
 *
 * The page gives no publication time and no image addresses: `publishedAt` is the Monday after the
 * events it reports (January 9th is its latest date) and photo URLs are placeholders on the site.
 */
export interface SampleRegion {
  code: string;
  name: string;
  kind: RegionKind;
  parent?: string;
}

export const sampleRegions: SampleRegion[] = [
  { code: 'asia', name: 'Asia', kind: RegionKind.CONTINENT },
  { code: 'europe', name: 'Europe', kind: RegionKind.CONTINENT },
  { code: 'americas', name: 'Americas', kind: RegionKind.CONTINENT },
  { code: 'central-asia', name: 'Central Asia', kind: RegionKind.SUBREGION, parent: 'asia' },
  { code: 'eastern-asia', name: 'Eastern Asia', kind: RegionKind.SUBREGION, parent: 'asia' },
  { code: 'western-asia', name: 'Western Asia', kind: RegionKind.SUBREGION, parent: 'asia' },
  { code: 'eastern-europe', name: 'Eastern Europe', kind: RegionKind.SUBREGION, parent: 'europe' },
  { code: 'northern-europe', name: 'Northern Europe', kind: RegionKind.SUBREGION, parent: 'europe' },
  { code: 'northern-america', name: 'Northern America', kind: RegionKind.SUBREGION, parent: 'americas' },
  { code: 'KZ', name: 'Kazakhstan', kind: RegionKind.COUNTRY, parent: 'central-asia' },
  { code: 'KZ-47', name: 'Mangystau', kind: RegionKind.PROVINCE, parent: 'KZ' },
  { code: 'KZ-75', name: 'Almaty', kind: RegionKind.CITY, parent: 'KZ' },
  { code: 'CN', name: 'China', kind: RegionKind.COUNTRY, parent: 'eastern-asia' },
  { code: 'QA', name: 'Qatar', kind: RegionKind.COUNTRY, parent: 'western-asia' },
  { code: 'RU', name: 'Russia', kind: RegionKind.COUNTRY, parent: 'eastern-europe' },
  { code: 'GB', name: 'United Kingdom', kind: RegionKind.COUNTRY, parent: 'northern-europe' },
  { code: 'US', name: 'United States', kind: RegionKind.COUNTRY, parent: 'northern-america' },
];

export interface SampleSource {
  slug: string;
  name: string;
  kind: SourceKind;
  url: string;
  stateAffiliated: boolean;
  country: string;
}

export const sampleSources: SampleSource[] = [
  {
    slug: 'foreign-policy',
    name: 'Foreign Policy',
    kind: SourceKind.NEWS_OUTLET,
    url: 'https://foreignpolicy.com',
    stateAffiliated: false,
    country: 'US',
  },
  {
    slug: 'sputnik',
    name: 'Sputnik',
    kind: SourceKind.NEWS_AGENCY,
    url: 'https://sputniknews.com',
    stateAffiliated: true,
    country: 'RU',
  },
  {
    slug: 'the-guardian',
    name: 'The Guardian',
    kind: SourceKind.NEWS_OUTLET,
    url: 'https://www.theguardian.com',
    stateAffiliated: false,
    country: 'GB',
  },
  {
    slug: 'al-jazeera',
    name: 'Al Jazeera',
    kind: SourceKind.BROADCASTER,
    url: 'https://www.aljazeera.com',
    stateAffiliated: false,
    country: 'QA',
  },
  {
    slug: 'getty-images',
    name: 'Getty Images',
    kind: SourceKind.PHOTO_AGENCY,
    url: 'https://www.gettyimages.com',
    stateAffiliated: false,
    country: 'US',
  },
  {
    slug: 'tass',
    name: 'TASS',
    kind: SourceKind.NEWS_AGENCY,
    url: 'https://tass.com',
    stateAffiliated: true,
    country: 'RU',
  },
  {
    slug: 'reuters',
    name: 'Reuters',
    kind: SourceKind.NEWS_AGENCY,
    url: 'https://www.reuters.com',
    stateAffiliated: false,
    country: 'GB',
  },
];

export interface SamplePhoto {
  path: string;
  altText: string | null;
  credit: string | null;
  creditLine: string | null;
}

export interface SampleArticle {
  slug: string;
  title: string;
  language: string;
  label: string;
  byline: string[];
  status: ArticleStatus;
  publishedAt: Date;
  body: string;
  citations: { source: string; context: string }[];
  photos: SamplePhoto[];
  regions: string[];
}

export const sampleArticle: SampleArticle = {
  slug: 'whats-happening-in-kazakhstan',
  title: 'What’s happening in Kazakhstan?',
  language: 'en',
  label: 'Newsletter Exclusive',
  byline: ['Mălina Mîndruțescu'],
  status: ArticleStatus.PUBLISHED,
  publishedAt: new Date('2022-01-10T08:00:00.000Z'),
  body: [
    'It is difficult to unpack the series of events that unfolded in Kazakhstan, one of Central Asia’s wealthiest countries. Last week, peaceful protests began in the oil-rich country, as fuel prices began to rise, but the discontent of the people revealed more endemic grievances with regards to the social, political and economic structures in Kazakhstan, and its systemic inequalities.',
    'A former Soviet republic which is mainly Muslim with a large Russian minority, Kazakhstan has vast mineral resources, with 3% of global oil reserves and important coal and gas sectors.',
    'What started with an Internet outage evolved into demonstrations and unrest, the likes of which the country hasn’t since in its 30 years of independence. The riots escalated into broader protests against the government and against former President Nursultan Nazarbayev, who led Kazakhstan for three decades and is still thought to retain significant influence.',
    'petroleum gas (LPG) from 60 tenge per liter ($0.14) to 120 tenge ($0.28), took to the streets. The prosperity of Mangystau, a region in Kazakhstan filled with natural resources, had been shared in an unequal manner.',
    'Although the oil-rich region provides the majority of wealth in the nation, for locals, it remains economically stagnant as rising inequality and widespread corruption are at the forefront of daily life. The sudden price hike on gas in the region, which most cars rely on, was seen as another government failure to ensure the economic security of its people, states Foreign Policy.',
    'As the unrest, which started in provincial areas quickly reached large areas, the response of the authorities was swift and firm. As of January 9th, more than 160 people had been killed and 5,000 arrested in the violence over this past week, according to officials.',
    'A total of 164 people, including two children, were killed in the deadliest outbreak of violence in the country’s 30 years of independence, according to a Russian Sputnik report cited in the Guardian.',
    'This initial dissatisfaction broadened to encompass other socioeconomic and political demands as protests across the entire country drew thousands of people. Nationwide dissent peaked on January 5th, when protesters in Almaty clashed with security forces. It looks like 103 people had died in Kazakhstan’s main city of Almaty, where the worst of the unrest took place, according to another report by Aljazeera.',
    'The former capital has been ravaged by fighting between riot police and protesters as well as looting and vandalism that led to the destruction of both private and public property. The interior ministry said initial estimates put property damage at about 175 million euros. More than 100 businesses and banks were attacked and looted and about 400 vehicles destroyed.',
    'In order to rein in the unrest, on Thursday, January 6th, the deployment of troops from the Russian-led Collective Security Treaty Organisation (CSTO) to Kazakhstan was in motion. Meant as a mutual defence pact, the CSTO has not made any joint deployments since its founding in 1999. Now it has been called upon to quell internal unrest in one of its member states. As a way of justifying this “call to arms”, Kazakhstan’s president, Kassym-Jomart Tokayev, claimed the revolt was inspired by foreign-backed “terrorists”.',
    'When Tokayev’s request came, the CSTO responded, almost immediately, deploying as many as 3,000 troops to Kazakhstan, according to local media. On Thursday morning Russian paratroopers were already arriving in Kazakhstan, according to a report by the Guardian.',
    'In a hardline address to the nation on Friday in which he said he had personally approved orders to shoot to kill, Tokayev gave “special thanks” to Russian President Vladimir Putin for sending the troops, though he said they had not taken part in any fighting. The force totals about 2,500 personnel and it was used to guard key infrastructure sites, according to a statement by the Russian defence ministry.',
    'Backers of the Kremlin regime praised the Russian intervention. Maxim Suchkov, a director at MGIMO, a university in Moscow, dismissed comparisons with the Soviet-era Warsaw Pact interventions as “propaganda”, saying a short mission could help boost Russia’s standing in the region. He followed up on Twitter, stating that the events in Kazakhstan represented a “crisis in which Moscow can be instrumental and helpful”.',
    'However, the prerequisites for political instability emerged long before 2022 as unaddressed grievances led to increasing public dissatisfaction. “The crash of the tenge, Kazakhstan’s currency, in 2015 amid low oil prices; public disapproval of selling land to China in 2016, lavish spending on EXPO 2017, the resignation of long-term autocrat Nazarbayev from the presidency (only to take up another position of power) and subsequent renaming of the capital after him in 2019; and the devastating effects of COVID-19 are just a few instances of public frustration with the regime”, states a Foreign Policy analysis.',
    'Kazakhstan was once seen as an example of authoritarian stability despite a weak civil society and the rise of Tokayev to the presidency was perceived as a possible model by other authoritarian regimes on how to conduct a leadership transition without losing their grip on power.',
    'However, as Kazakhstan erupted in violence, Tokayev oversaw a ruthless crackdown on protesters while ousting former president and personal benefactor, Nursultan Nazarbayev, from his last position of authority, as head of Kazakhstan’s security council, while turning to another autocrat, Vladimir Putin, for support.',
    'And, along with presence of a Russian peace keeping force in the country, some experts say that the Kazakh leader has traded the sovereignty of his country to appease the Kremlin government. This move is a signal both to Russia and to the world: by calling for aid from Russia, Kazakhstan has become a more submissive and more loyal partner to Russia and has, effectively, picked a side.',
    'As tensions between Russia and the West prolong and harden, Kazakhstan is expected to side with Russia on global matters, as Kremlin builds an alliance of its own to counteract the influence and the existing paradigm surrounding the current Western order.',
  ].join('\n\n'),
  citations: [
    {
      source: 'foreign-policy',
      context:
        'was seen as another government failure to ensure the economic security of its people, states Foreign Policy',
    },
    { source: 'sputnik', context: 'according to a Russian Sputnik report cited in the Guardian' },
    { source: 'the-guardian', context: 'according to a Russian Sputnik report cited in the Guardian' },
    { source: 'al-jazeera', context: 'according to another report by Aljazeera' },
  ],
  photos: [
    {
      path: 'kazakhstan-protest.jpg',
      altText: 'kazakhstan protest',
      credit: 'getty-images',
      creditLine: 'Photo source: Getty Images',
    },
    {
      path: 'trupe-rusesti-de-securitate.jpg',
      altText: 'trupe rusesti de securitate',
      credit: 'tass',
      creditLine: 'Photo source: TASS',
    },
    { path: 'photo-3.jpg', altText: null, credit: 'reuters', creditLine: 'Photo source: Reuters' },
    { path: 'photo-4.jpg', altText: null, credit: null, creditLine: null },
  ],
  regions: ['KZ', 'KZ-47', 'KZ-75', 'RU', 'CN'],
};
