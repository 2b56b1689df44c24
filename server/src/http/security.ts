// Security headers for every response. The CSP allows what the H5 build needs and nothing else.
import type { AppMiddleware } from './context';

/**
 * The policy for every response. blob: is needed by the H5 build to read a picked photo before
 * uploading it; data: fonts are Taro's inlined icon font. `scriptHashes` allow index.html's own
 * inline scripts and nothing else.
 */
export function contentSecurityPolicy(scriptHashes: string[] = []): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "connect-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders(): AppMiddleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Cross-Origin-Resource-Policy', 'same-site');
    ctx.set('Content-Security-Policy', contentSecurityPolicy());
    await next();
  };
}
