import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * The GraphiQL page (graphiql.ts) is about 9 MB and the same for the life of the process: it is
 * compressed once, on the first request, and sent with an ETag so a browser that has it is answered
 * 304. Yoga renders it on every request and sends it as is, uncompressed and uncacheable.
 */
export interface GraphiQLPage {
  /** Whether Yoga would answer this request with the page: its own test (a GET accepting text/html). */
  wanted(req: IncomingMessage): boolean;
  send(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

interface Encoded {
  /** Each encoding is a representation of its own, with an ETag of its own. */
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** `render` gets the page as Yoga renders it, with the gateway's options; called once. */
export function graphiqlPage(render: () => Promise<string>): GraphiQLPage {
  let encoded: Promise<Encoded> | undefined;
  const encode = async (): Promise<Encoded> => {
    const identity = Buffer.from(await render());
    const [gzipped, br] = await Promise.all([
      promisify(gzip)(identity, { level: constants.Z_BEST_COMPRESSION }),
      // 9.1 MB: gzip 2.4 MB in 0.4 s; brotli 1.9 MB in 1.8 s at quality 9, and 1.7 MB in 17 s at 11 (its default).
      promisify(brotliCompress)(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      }),
    ]);
    return { hash: createHash('sha256').update(identity).digest('base64url'), identity, gzip: gzipped, br };
  };
  return {
    // Yoga's shouldRenderGraphiQL, on Node's request.
    wanted: (req) => req.method === 'GET' && (req.headers.accept ?? '').includes('text/html'),
    async send(req, res) {
      // A failed render is tried again on the next request.
      encoded ??= encode().catch((error: unknown) => {
        encoded = undefined;
        throw error;
      });
      const page = await encoded;
      const encoding = contentEncoding(req.headers['accept-encoding']);
      const etag = `"${page.hash}-${encoding}"`;
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        etag,
        // Kept, but asked about again each time: a new release of the gateway may bring a new page.
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
      };
      if ((req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag)) {
        res.writeHead(304, headers);
        return void res.end();
      }
      const body = encoding === 'identity' ? page.identity : page[encoding];
      res.writeHead(200, {
        ...headers,
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
        'content-length': body.length,
      });
      res.end(body);
    },
  };
}

/**
 * Brotli, else gzip, when the client lists it without q=0. Written here rather than taken from a
 * negotiation library: browsers send a short list, and any answer but these two is uncompressed.
 */
function contentEncoding(header: string | string[] | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Set(
    String(header ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => !/;\s*q=0(\.0*)?$/.test(entry))
      .map((entry) => entry.split(';')[0].trim()),
  );
  if (accepted.has('br')) return 'br';
  return accepted.has('gzip') ? 'gzip' : 'identity';
}
