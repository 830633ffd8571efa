import { headersByRole, Headers, ok, onlyError, sampleIds, SampleIds } from './support/editorial';
import { startTestServer, TestServer } from './support/server';

/**
 * Photo rights through the public API: partners never receive a photo whose licence does not
 * allow syndication, on any path, and are told how many were left out; editors see and set them.
 * The sample's four photos (Getty Images, TASS, Reuters, uncredited) start as not syndicable.
 */
let server: TestServer;
let roles: Awaited<ReturnType<typeof headersByRole>>;
let ids: SampleIds;
const SLUG = 'whats-happening-in-kazakhstan';

const ARTICLE = /* GraphQL */ `
  query ($slug: String!) {
    article(slug: $slug) {
      photos {
        id
        rights {
          creditLine
          copyrightHolder
          copyrightNotice
          usageTerms
          licenseUrl
          syndicationAllowed
        }
      }
      withheldPhotos {
        count
        reason
      }
    }
  }
`;
const UPDATE_PHOTO = /* GraphQL */ `
  mutation ($input: UpdatePhotoInput!) {
    updatePhoto(input: $input) {
      id
      rights {
        copyrightHolder
        copyrightNotice
        usageTerms
        licenseUrl
        syndicationAllowed
      }
    }
  }
`;

const articleAs = async (headers: Headers) => (await ok(server, headers, ARTICLE, { slug: SLUG })).article;

beforeAll(async () => {
  server = await startTestServer();
  roles = await headersByRole(server);
  ids = await sampleIds(server);
});
afterAll(() => server?.stop());

describe('photo rights', () => {
  it('a partner receives none of the agency photos, and learns how many were withheld and why', async () => {
    const partner = await articleAs(roles.partner);
    expect(partner.photos).toEqual([]);
    expect(partner.withheldPhotos).toEqual({ count: 4, reason: expect.stringContaining('does not allow syndication') });
    for (const role of ['anonymous', 'analyst', 'editor'] as const) {
      const article = await articleAs(roles[role]);
      expect(article.photos.map((photo: any) => photo.id)).toEqual(ids.photos);
      expect(article.withheldPhotos).toBeNull();
    }
  });

  it('an editor sets a photo’s rights; partners then receive it, with them', async () => {
    const rights = {
      copyrightHolder: 'Reuters',
      copyrightNotice: '© 2022 Reuters',
      usageTerms: 'May be republished by syndication partners with the credit line.',
      licenseUrl: 'https://news.example.org/licences/reuters-partners',
      syndicationAllowed: true,
    };
    const { updatePhoto } = await ok(server, roles.editor, UPDATE_PHOTO, { input: { id: ids.photos[2], ...rights } });
    expect(updatePhoto.rights).toEqual(rights);

    const partner = await articleAs(roles.partner);
    expect(partner.photos).toEqual([{ id: ids.photos[2], rights: { creditLine: expect.any(String), ...rights } }]);
    expect(partner.withheldPhotos.count).toBe(3);

    // Lists (and so a source's and a region's articles, which share the loader) follow the same rule.
    const list = await ok(
      server,
      roles.partner,
      `{ articles(first: 5) { edges { node { photos { id } withheldPhotos { count } } } } }`,
    );
    expect(list.articles.edges[0].node).toEqual({ photos: [{ id: ids.photos[2] }], withheldPhotos: { count: 3 } });
  });

  it('a withheld photo is not found by a partner on any path that names it', async () => {
    const withheld = ids.photos[0];
    const paths = /* GraphQL */ `
      query ($id: ID!, $representations: [_Any!]!) {
        photo(id: $id) {
          id
        }
        node(id: $id) {
          id
        }
        _entities(representations: $representations) {
          ... on Photo {
            id
          }
        }
      }
    `;
    const variables = { id: withheld, representations: [{ __typename: 'Photo', id: withheld }] };
    expect(await ok(server, roles.partner, paths, variables)).toEqual({ photo: null, node: null, _entities: [null] });
    expect(await ok(server, roles.anonymous, paths, variables)).toEqual({
      photo: { id: withheld },
      node: { id: withheld },
      _entities: [{ id: withheld }],
    });
  });

  it('a new photo may not be syndicated until an editor says so', async () => {
    const { createPhoto } = await ok(
      server,
      roles.editor,
      `mutation { createPhoto(input: { url: "https://media.example.org/new.jpg", copyrightHolder: "TASS" }) {
         rights { copyrightHolder syndicationAllowed } } }`,
    );
    expect(createPhoto.rights).toEqual({ copyrightHolder: 'TASS', syndicationAllowed: false });
  });

  it('refuses rights it cannot store, saying which field to fix', async () => {
    const badUrl = await server.query(
      UPDATE_PHOTO,
      { input: { id: ids.photos[1], licenseUrl: 'see contract' } },
      roles.editor,
    );
    expect(onlyError(badUrl)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.licenseUrl' });
    const nullFlag = await server.query(
      UPDATE_PHOTO,
      { input: { id: ids.photos[1], syndicationAllowed: null } },
      roles.editor,
    );
    expect(onlyError(nullFlag)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.syndicationAllowed' });
    const partnerWrite = await server.query(
      UPDATE_PHOTO,
      { input: { id: ids.photos[1], syndicationAllowed: true } },
      roles.partner,
    );
    expect(onlyError(partnerWrite).code).toBe('FORBIDDEN');
  });
});
