// Serves the H5 build: hashed assets cached for a year, everything else revalidated, and any
// unknown path that is not an API path answered with index.html (the H5 router uses history URLs).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import send from 'koa-send';
import type { AppMiddleware } from './context';
import { contentSecurityPolicy } from './security';

const HASHED = /\.[0-9a-f]{8,}\.(js|css|png|jpe?g|webp|svg|woff2?|ttf)$/i;
const RESERVED = /^\/(api|healthz|wechat-sim)(\/|$)/;

/** Hashes of index.html's inline scripts, so the CSP can allow exactly those and nothing else. */
function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const m of indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (m[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  }
  return hashes;
}

/** The file a request path names inside `root`, or null when it names none (or tries to leave it). */
async function fileIn(root: string, rel: string): Promise<string | null> {
  const candidate = path.join(root, rel);
  if (!candidate.startsWith(root + path.sep)) return null;
  const stat = await fs.promises.stat(candidate).catch(() => null);
  return stat?.isFile() ? rel : null;
}

export function serveH5(distDir: string): AppMiddleware {
  const root = path.resolve(distDir);
  const indexPath = path.join(root, 'index.html');
  let cachedCsp: { mtimeMs: number; csp: string } | null = null;

  /** The CSP for index.html, recomputed only when a new build replaced it; null with no build. */
  const cspForIndex = async (): Promise<string | null> => {
    const stat = await fs.promises.stat(indexPath).catch(() => null);
    if (!stat) return null;
    if (cachedCsp?.mtimeMs !== stat.mtimeMs) {
      const hashes = inlineScriptHashes(await fs.promises.readFile(indexPath, 'utf8'));
      cachedCsp = { mtimeMs: stat.mtimeMs, csp: contentSecurityPolicy(hashes) };
    }
    return cachedCsp.csp;
  };

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || RESERVED.test(ctx.path)) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path).replace(/^\/+/, '');
    } catch {
      return next(); // malformed percent-encoding names no file: a 404
    }
    const wanted = rel && !rel.endsWith('/') ? rel : 'index.html';
    const found = await fileIn(root, wanted);
    // A missing asset is a 404; a missing page path is the app's own route.
    if (!found && path.extname(wanted)) return next();
    const target = found ?? 'index.html';
    if (target === 'index.html') {
      const csp = await cspForIndex();
      if (!csp) return next();
      ctx.set('Content-Security-Policy', csp);
    }
    const hashed = HASHED.test(target);
    await send(ctx, target, {
      root,
      maxage: hashed ? 365 * 24 * 3600 * 1000 : 0,
      immutable: hashed,
      setHeaders: (res) => {
        if (!hashed) res.setHeader('Cache-Control', 'no-cache');
      },
    });
  };
}
