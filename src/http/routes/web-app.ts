import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isWebPage } from '../../domain/web-pages.ts';

/** Where `npm run build:web` writes the storefront (see web/scripts/build.ts). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the API, webhooks and the Stripe stand-in own: never answered with the web app. */
const SERVER_PATH = /^\/(api|webhooks|test-stripe|healthz)(\/|$)/;

function listFiles(dir: string): Set<string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter(
        (entry) => entry.isFile() && !entry.name.endsWith('.gz') && !entry.name.startsWith('.'),
      )
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
}

/** The path part of a URL, percent-decoded; null when the encoding is broken. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return null;
  }
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Lanyard</title>
<p>The web app has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>,
which builds it first) and reload. The API is at <a href="/api/docs">/api/docs</a>.</p></html>`;

/**
 * Serves the built web app from `web/dist` at `/`: known files as they are (hashed assets are
 * cached for good, gzip variants preferred), every other non-API path gets `index.html` so the
 * browser router can draw it. Unknown API paths keep the JSON 404.
 */
export async function webAppRoutes(
  app: FastifyInstance,
  options: { distDir?: string } = {},
): Promise<void> {
  const root = options.distDir ?? WEB_DIST_DIR;
  const built = existsSync(join(root, 'index.html'));
  // Only files present at start are served, so a path can never reach outside the folder.
  const files = built ? listFiles(root) : new Set<string>();
  if (built) await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = decodedPath(request.url);
    if (path === null || SERVER_PATH.test(path)) {
      reply.callNotFound();
      return reply;
    }
    if (!built) return reply.type('text/html; charset=utf-8').status(503).send(NOT_BUILT_PAGE);
    const file = path.slice(1);
    if (files.has(file) && file !== 'index.html') {
      const hashed = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: hashed ? '365d' : '1h', immutable: hashed });
    }
    // A missing file (an old hashed asset, a typo) is a 404, not the app's HTML.
    if (/\.[a-z0-9]+$/i.test(file)) {
      reply.callNotFound();
      return reply;
    }
    return (
      reply
        // The app's pages are declared once, in src/domain/web-pages.ts; any other path is a 404.
        .status(isWebPage(path) ? 200 : 404)
        .header('cache-control', 'no-cache')
        .sendFile('index.html', { cacheControl: false })
    );
  });
}
