import { loadConfig } from '../src/config';

describe('stack and gateway settings from the environment', () => {
  it('runs the whole stack by default: gateway 4000, content 4001, engagement 4002', () => {
    const config = loadConfig({});
    expect(config.services).toEqual(['content', 'engagement', 'gateway']);
    expect([config.gateway.port, config.contentPort, config.engagementPort]).toEqual([4000, 4001, 4002]);
    expect(config.gateway).toMatchObject({
      supergraph: 'introspect',
      supergraphPath: 'schema/supergraph.graphql',
      subgraphsFile: 'subgraphs.json',
      subgraphUrls: {},
    });
  });

  it('runs from the composed supergraph in production, with subgraph URLs from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SERVICES: 'gateway',
      CONTENT_SUBGRAPH_URL: 'http://content:4001/graphql',
      ENGAGEMENT_SUBGRAPH_URL: 'http://engagement:4002/graphql',
      SUBGRAPH_SECRET: 'x'.repeat(32),
    });
    expect(config.services).toEqual(['gateway']);
    expect(config.gateway.supergraph).toBe('file');
    expect(config.gateway.subgraphUrls).toEqual({
      content: 'http://content:4001/graphql',
      engagement: 'http://engagement:4002/graphql',
    });
  });

  it('admits 4 content executions at once and queues 1000 by default; both can be set', () => {
    expect(loadConfig({}).concurrency).toEqual({ limit: 4, maxWaiting: 1000 });
    expect(loadConfig({ MAX_CONCURRENT_REQUESTS: '16', MAX_QUEUED_REQUESTS: '0' }).concurrency).toEqual({
      limit: 16,
      maxWaiting: 0,
    });
  });

  it('closes production by default: no introspection, no GraphiQL, no CORS; a short subgraph secret is refused', () => {
    expect(() => loadConfig({ SUBGRAPH_SECRET: 'short' })).toThrow(/SUBGRAPH_SECRET must be at least 32 characters/);
    const production = loadConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: 's'.repeat(32) });
    expect(production).toMatchObject({ introspection: false, graphiql: false, corsOrigins: [], maxBatchOperations: 0 });
    const development = loadConfig({});
    expect(development).toMatchObject({ introspection: true, graphiql: true, corsOrigins: ['*'] });
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SUBGRAPH_SECRET: 's'.repeat(32),
        INTROSPECTION: '1',
        CORS_ORIGINS: 'https://news.example.org, https://partner.example.com',
      }),
    ).toMatchObject({ introspection: true, corsOrigins: ['https://news.example.org', 'https://partner.example.com'] });
    // GraphiQL needs introspection for its schema: GRAPHIQL=1 implies it unless INTROSPECTION says otherwise.
    const secret = { NODE_ENV: 'production', SUBGRAPH_SECRET: 's'.repeat(32) };
    expect(loadConfig({ ...secret, GRAPHIQL: '1' })).toMatchObject({ graphiql: true, introspection: true });
    expect(loadConfig({ ...secret, GRAPHIQL: '1', INTROSPECTION: '0' })).toMatchObject({ introspection: false });
    expect(() => loadConfig({ CORS_ORIGINS: 'news.example.org' })).toThrow(/CORS_ORIGINS must list origins/);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://replica/db' })).toThrow(
      /DATABASE_REPLICA_URLS needs DATABASE_URL/,
    );
    // A production database's first start does not publish the sample article.
    expect(production.seedSample).toBe(false);
    expect(development.seedSample).toBe(true);
  });

  it('never repeats a password from a URL it refuses', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://editor:s3cret-pw@db.internal/content' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'DATABASE_URL must be a postgres: or postgresql: URL, got "mysql://editor:***@db.internal/content"',
    );
    expect(message).not.toContain('s3cret-pw');
  });

  it('names every bad setting at once', () => {
    expect(() =>
      loadConfig({
        SERVICES: 'gateway,cms',
        GATEWAY_SUPERGRAPH: 'url',
        GATEWAY_PORT: '99999',
        SUBGRAPH_TIMEOUT_MS: '5',
        CONTENT_SUBGRAPH_URL: 'content:4001',
        MAX_CONCURRENT_REQUESTS: '0',
        MAX_QUEUED_REQUESTS: 'many',
      }),
    ).toThrow(
      [
        'Invalid configuration:',
        '  - SERVICES must list some of content, engagement, gateway; got "gateway,cms"',
        '  - GATEWAY_SUPERGRAPH must be file or introspect, got "url"',
        '  - CONTENT_SUBGRAPH_URL must be a http: or https: URL, got "content:4001"',
        '  - GATEWAY_PORT must be an integer from 0 to 65535, got "99999"',
        '  - SUBGRAPH_TIMEOUT_MS must be an integer from 100 to 120000, got "5"',
        '  - MAX_CONCURRENT_REQUESTS must be an integer from 1 to 10000, got "0"',
        '  - MAX_QUEUED_REQUESTS must be an integer from 0 to 1000000, got "many"',
      ].join('\n'),
    );
  });
});
