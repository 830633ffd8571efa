import { config, ServiceName } from './config';

const ports: Record<ServiceName, number> = {
  content: config.contentPort,
  engagement: config.engagementPort,
  gateway: config.gateway.port,
};

/**
 * The Docker image's HEALTHCHECK: exits 0 when every service this process's SERVICES names answers
 * `/health/ready` on its port, so the one image checks itself whichever services a container runs
 * (docker-compose.yml starts the gateway once the subgraphs are healthy). Prints why not to stderr,
 * which `docker inspect` shows. Loads only the configuration: it runs every few seconds.
 */
async function main(): Promise<void> {
  const problems = await Promise.all(
    config.services.map(async (name) => {
      const url = `http://127.0.0.1:${ports[name]}/health/ready`;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
        return response.ok ? null : `${name}: ${url} answered ${response.status} ${await response.text()}`;
      } catch (error) {
        // fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a timeout) is its cause.
        const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        return `${name}: ${url} did not answer (${reason instanceof Error ? reason.message : String(reason)})`;
      }
    }),
  );
  const notReady = problems.filter((problem) => problem !== null);
  for (const problem of notReady) process.stderr.write(`${problem}\n`);
  process.exitCode = notReady.length ? 1 : 0;
}

void main();
