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
