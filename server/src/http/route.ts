// defineRoute(): one declaration per endpoint that both mounts it on the router
// (auth → validate → handler → response) and describes it in the OpenAPI document.
// A route reads top-down; handlers receive typed, validated input and return the response body.
import type Router from '@koa/router';
import type { RouterMiddleware } from '@koa/router';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodTypeAny } from 'zod';
import { z } from '../../../contract/openapi';
import { ErrorBody } from '../../../contract/errors';
import type { Role } from '../../../contract/users';
import type { AppContext, AppState } from './context';
import { validate } from './validate';
import { requireAuth } from './auth';
import { idempotent, IDEMPOTENCY_HEADER } from './idempotency';
import { rateLimiter, type RateLimit } from './rate-limit';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';

type Infer<S> = S extends ZodTypeAny ? z.infer<S> : undefined;

export type Access = 'public' | 'user' | Role;

export interface RouteSpec<B extends ZodTypeAny | undefined, Q extends ZodTypeAny | undefined, P extends ZodTypeAny | undefined, R extends ZodTypeAny | undefined, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path relative to /api/v1, e.g. `/shops/:shopId`. */
  path: string;
  summary: string;
  tags: string[];
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body's schema; omitted for 204. */
  response?: R;
  status?: 200 | 201 | 204;
  /** For endpoints that read their own body (uploads): how OpenAPI should describe it. */
  requestContent?: RouteConfig['request'];
  /** The handler writes ctx.status/ctx.body itself (streams, 304s); its return value is ignored. */
  raw?: true;
  /**
   * Honour an `Idempotency-Key` header: the same key again gets the first answer instead of a
   * second action (creating, adding stock: anything a retry must not do twice). Logged-in routes.
   */
  idempotent?: true;
  /** A per-person cap for endpoints that cost real work or WeChat quota (see rate-limit.ts). */
  rateLimit?: RateLimit;
  /** For raw routes that answer a file: its media type, e.g. `image/png`, for OpenAPI. */
  rawContentType?: string;
  handler: (input: {
    body: Infer<B>;
    query: Infer<Q>;
    params: Infer<P>;
    /** The logged-in user; public routes have none. */
    user: A extends 'public' ? undefined : UserDoc;
    ctx: AppContext;
  }) => Promise<R extends ZodTypeAny ? z.input<R> : void>;
}

// The spec's generics are erased once it is mounted; this alias keeps the list of routes readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any, any>;

export function defineRoute<
  B extends ZodTypeAny | undefined = undefined,
  Q extends ZodTypeAny | undefined = undefined,
  P extends ZodTypeAny | undefined = undefined,
  R extends ZodTypeAny | undefined = undefined,
  A extends Access = Access,
>(spec: RouteSpec<B, Q, P, R, A>): AnyRoute {
  return spec;
}

/** OpenAPI's description of a one-file multipart upload, as Taro.uploadFile sends it. */
export const singleFileUpload = (field = 'file'): RouteConfig['request'] => ({
  body: {
    content: {
      'multipart/form-data': {
        schema: { type: 'object', properties: { [field]: { type: 'string', format: 'binary' } }, required: [field] },
      },
    },
  },
});

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function mountRoutes(router: Router<AppState>, registry: OpenAPIRegistry, services: Services, prefix: string, routes: AnyRoute[]): void {
  const limit = rateLimiter(services.now);
  for (const spec of routes) {
    const chain = [
      ...(spec.access === 'public' ? [] : [requireAuth(services, spec.access)]),
      ...(spec.rateLimit ? [limit(spec.rateLimit)] : []),
      validate({ body: spec.body, query: spec.query, params: spec.params }),
      ...(spec.idempotent && spec.access !== 'public' ? [idempotent(services)] : []),
      async (ctx: AppContext) => {
        const result = await spec.handler({
          body: ctx.state.body,
          query: ctx.state.query,
          params: ctx.state.params,
          user: ctx.state.user,
          ctx,
        });
        if (spec.raw) return;
        if (spec.status === 204 || result === undefined) {
          ctx.status = 204;
          return;
        }
        ctx.status = spec.status ?? 200;
        ctx.body = spec.response ? spec.response.parse(result) : result;
      },
    ];
    router[spec.method](spec.path, ...(chain as RouterMiddleware<AppState>[]));

    const errors = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } };
    registry.registerPath({
      method: spec.method,
      path: prefix + toOpenApiPath(spec.path),
      summary: spec.summary,
      tags: spec.tags,
      security: spec.access === 'public' ? [] : [{ bearer: [] }],
      request: spec.requestContent ?? {
        ...(spec.idempotent ? { headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() }) } : {}),
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: {
        [spec.status ?? (spec.response || spec.rawContentType ? 200 : 204)]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
          : spec.rawContentType
            ? { description: 'OK', content: { [spec.rawContentType]: { schema: { type: 'string', format: 'binary' } } } }
            : { description: 'No content' },
        400: errors,
        ...(spec.access === 'public' ? {} : { 401: errors, 403: errors }),
        ...(spec.rateLimit ? { 429: errors } : {}),
      },
    });
  }
}
