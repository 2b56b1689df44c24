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

export function serveH5(distDir: string): AppMiddleware {
  let cachedCsp: { mtimeMs: number; csp: string } | null = null;
  const indexPath = path.join(distDir, 'index.html');
  const cspForIndex = (): string | null => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(indexPath);
    } catch {
      return null;
    }
    if (cachedCsp?.mtimeMs !== stat.mtimeMs) {
      const hashes = inlineScriptHashes(fs.readFileSync(indexPath, 'utf8'));
      cachedCsp = {
        mtimeMs: stat.mtimeMs,
        csp: contentSecurityPolicy(hashes),
      };
    }
    return cachedCsp.csp;
  };

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || RESERVED.test(ctx.path)) return next();
    const rel = decodeURIComponent(ctx.path).replace(/^\/+/, '');
    const file = rel && !rel.endsWith('/') ? rel : 'index.html';
    const candidate = path.join(distDir, file);
    const exists = candidate.startsWith(distDir) && fs.existsSync(candidate) && fs.statSync(candidate).isFile();
    // A missing asset is a 404; a missing page path is the app's own route.
    if (!exists && path.extname(file)) return next();
    const target = exists ? file : 'index.html';
    if (target === 'index.html') {
      const csp = cspForIndex();
      if (!csp) return next();
      ctx.set('Content-Security-Policy', csp);
    }
    await send(ctx, target, {
      root: distDir,
      maxage: HASHED.test(target) ? 365 * 24 * 3600 * 1000 : 0,
      immutable: HASHED.test(target),
      setHeaders: (res) => {
        if (!HASHED.test(target)) res.setHeader('Cache-Control', 'no-cache');
      },
    });
  };
}
