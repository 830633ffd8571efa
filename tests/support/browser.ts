import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');

/** Where the browser tests leave their screenshots for review (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'tests', 'browser', 'screenshots');

/**
 * Debian's Chromium (`apt-get install chromium`), never a browser Playwright downloads, with a
 * profile of its own and nothing that calls home. Every request for another host than this machine
 * is refused and listed in `offsite`, so a page that needs the internet shows it.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  offsite: string[];
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const offsite: string[] = [];
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    offsite,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/**
 * The reference frontend as built (`npm run web:build`), served by `vite preview`, which forwards
 * /graphql to the gateway at `gatewayOrigin` (examples/web/vite.config.mts).
 */
export async function startWebPreview(gatewayOrigin: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'preview',
      'examples/web',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH, GATEWAY_URL: gatewayOrigin }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const giveUp = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
    const page = await fetch(url).then(
      (response) => response.text().then((text) => (response.ok ? text : null)),
      () => null,
    );
    if (page !== null) {
      if (!page.includes('<div id="root">')) {
        await stop();
        throw new Error('vite preview serves no app: build it first with `npm run web:build`.');
      }
      return { url, stop };
    }
    if (Date.now() > giveUp) {
      await stop();
      throw new Error(`vite preview did not answer in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
