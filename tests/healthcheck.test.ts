import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { startTestServer, TestServer } from './support/server';

/**
 * The Docker image's HEALTHCHECK (src/healthcheck.cli.ts), run as Docker runs it: a process with the
 * container's SERVICES and ports, healthy only when each of those services says it is ready.
 */
const run = promisify(execFile);

function healthcheck(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return run(process.execPath, ['-r', '@swc-node/register', 'src/healthcheck.cli.ts'], {
    env: { ...process.env, ...env },
  }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

/** A port nothing listens on: the operating system's pick, released again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the image health check', () => {
  let content: TestServer;
  beforeAll(async () => {
    content = await startTestServer();
  });
  afterAll(async () => {
    await content?.stop();
  });

  it('is healthy when every service the container runs is ready', async () => {
    const result = await healthcheck({ SERVICES: 'content', CONTENT_PORT: new URL(content.url).port });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('is unhealthy, naming the service, when one of them does not answer', async () => {
    const port = await closedPort();
    const result = await healthcheck({
      SERVICES: 'content,engagement',
      CONTENT_PORT: new URL(content.url).port,
      ENGAGEMENT_PORT: String(port),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `engagement: http://127.0.0.1:${port}/health/ready did not answer (connect ECONNREFUSED 127.0.0.1:${port})\n`,
    );
  });
});
