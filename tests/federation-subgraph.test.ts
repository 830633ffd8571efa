import { toGlobalId } from '../src/node/global-id';
import { CREATE, draftInput, headersByRole, ok } from './support/editorial';
import { startGeneratedServer } from './support/generated';
import { startTestServer, TestServer } from './support/server';

/**
 * The content service against the Federation subgraph spec, queried directly as the gateway
 * queries it: `_service { sdl }` and `_entities(representations:)`.
 */
let server: TestServer;
let editor: Record<string, string>;
let draft: { id: string; slug: string };
let sample: { article: any; region: any; source: any; photo: any };

beforeAll(async () => {
  server = await startTestServer();
  editor = (await headersByRole(server)).editor;
  draft = (await ok(server, editor, CREATE, { input: draftInput() })).createArticle;
  const data = await ok(
    server,
    {},
    `{ article(slug: "whats-happening-in-kazakhstan") { id slug title photos { id url } sources { id slug name } }
       region(code: "KZ") { id code name } }`,
  );
  sample = {
    article: data.article,
    region: data.region,
    source: data.article.sources[0],
    photo: data.article.photos[0],
  };
});
afterAll(() => server?.stop());

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Article {
        id
        slug
        title
      }
      ... on Region {
        id
        code
        name
      }
      ... on Source {
        id
        slug
        name
      }
      ... on Photo {
        id
        url
      }
    }
  }
`;

describe('the content subgraph follows the federation subgraph spec', () => {
  it('publishes its SDL with a Federation 2 link and a key for every entity', async () => {
    const { data, errors } = await server.query(`{ _service { sdl } }`);
    expect(errors).toBeUndefined();
    const sdl: string = data!._service.sdl;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    const keysOf = (type: string) =>
      [
        ...(
          new RegExp(`type ${type} implements Node((?:\\s+@key\\(fields: "\\w+"\\))+)`).exec(sdl)?.[1] ?? ''
        ).matchAll(/fields: "(\w+)"/g),
      ].map((match) => match[1]);
    expect(keysOf('Article')).toEqual(['id', 'slug']);
    expect(keysOf('Source')).toEqual(['id', 'slug']);
    expect(keysOf('Photo')).toEqual(['id']);
    expect(keysOf('Region')).toEqual(['id', 'code']);
  });

  it('resolves mixed typenames and keys in one call, in the order given, null for what is not there', async () => {
    const representations = [
      { __typename: 'Region', code: 'KZ' },
      { __typename: 'Article', id: sample.article.id },
      { __typename: 'Article', id: 'not-a-global-id' },
      { __typename: 'Source', id: sample.source.id },
      { __typename: 'Article', id: toGlobalId('Article', 987_654) },
      { __typename: 'Photo', id: sample.photo.id },
      { __typename: 'Article', id: sample.region.id },
      { __typename: 'Article', slug: sample.article.slug },
      { __typename: 'Region', code: 'XX-unknown' },
      { __typename: 'Source', slug: sample.source.slug },
      { __typename: 'Region', id: sample.region.id },
      { __typename: 'Photo', id: '' },
      { __typename: 'Article', slug: 'no-such-article' },
    ];
    const { data, errors } = await server.query(ENTITIES, { representations });
    expect(errors).toBeUndefined();
    const article = {
      __typename: 'Article',
      id: sample.article.id,
      slug: sample.article.slug,
      title: sample.article.title,
    };
    const region = { __typename: 'Region', ...sample.region };
    const source = { __typename: 'Source', ...sample.source };
    expect(data!._entities).toEqual([
      region,
      article,
      null,
      source,
      null,
      { __typename: 'Photo', ...sample.photo },
      null, // a Region's id given as an Article's
      article,
      null,
      source,
      region,
      null,
      null,
    ]);
  });

  it('never returns unpublished content to a caller who may not see it', async () => {
    const representations = [
      { __typename: 'Article', id: draft.id },
      { __typename: 'Article', slug: draft.slug },
    ];
    const anonymous = await server.query(ENTITIES, { representations });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!._entities).toEqual([null, null]);

    const newsroom = await server.query(ENTITIES, { representations }, editor);
    expect(newsroom.data!._entities.map((entity: any) => entity?.id)).toEqual([draft.id, draft.id]);
  });
});

describe('references go through the batched loaders', () => {
  let generated: TestServer;
  beforeAll(async () => {
    ({ server: generated } = await startGeneratedServer());
  });
  afterAll(() => generated?.stop());

  const entities = (selection: string) =>
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Article { ${selection} } } }`;

  it('resolves 100 Article representations with one statement, and their regions with one more', async () => {
    const page = await generated.query(`{ articles(first: 100) { edges { node { id slug } } } }`);
    const nodes: { id: string; slug: string }[] = page.data!.articles.edges.map((edge: any) => edge.node);
    expect(nodes).toHaveLength(100);
    const representations = nodes.map((node) => ({ __typename: 'Article', id: node.id }));

    const plain = await generated.query(entities('id'), { representations });
    expect(plain.errors).toBeUndefined();
    expect(plain.data!._entities.map((entity: any) => entity.id)).toEqual(nodes.map((node) => node.id));
    expect(plain.extensions!.queryStats!.sqlStatements).toBe(1);

    const nested = await generated.query(entities('id regions { code }'), { representations });
    expect(nested.errors).toBeUndefined();
    expect(nested.data!._entities.every((entity: any) => entity.regions.length > 0)).toBe(true);
    expect(nested.extensions!.queryStats!.sqlStatements).toBe(2);

    // Keys of both kinds interleaved: one statement per kind, answers still in the given order.
    const mixed = nodes.map((node, index) =>
      index % 2 ? { __typename: 'Article', id: node.id } : { __typename: 'Article', slug: node.slug },
    );
    const byKind = await generated.query(entities('id'), { representations: mixed });
    expect(byKind.data!._entities.map((entity: any) => entity.id)).toEqual(nodes.map((node) => node.id));
    expect(byKind.extensions!.queryStats!.sqlStatements).toBe(2);
  });
});
