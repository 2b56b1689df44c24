// validate(): checks body, query and params against contract schemas before a handler runs,
// so handlers only ever see typed, parsed input. Every bad field is named in the error.
import { ZodError, type ZodTypeAny, type z } from 'zod';
import type { FieldIssue } from '../../../contract/errors';
import { validationError } from '../errors';
import type { AppMiddleware } from './context';

export function zodIssues(err: ZodError, prefix = ''): FieldIssue[] {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    code: i.code,
  }));
}

export interface ValidationSchemas {
  body?: ZodTypeAny;
  query?: ZodTypeAny;
  params?: ZodTypeAny;
}

export function validate(schemas: ValidationSchemas): AppMiddleware {
  return async (ctx, next) => {
    const issues: FieldIssue[] = [];
    const check = <S extends ZodTypeAny>(schema: S | undefined, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> | undefined => {
      if (!schema) return undefined;
      const r = schema.safeParse(value);
      if (r.success) return r.data;
      issues.push(...zodIssues(r.error, where === 'body' ? '' : where));
      return undefined;
    };
    const body = check(schemas.body, (ctx.request as { body?: unknown }).body ?? {}, 'body');
    const query = check(schemas.query, ctx.query, 'query');
    const params = check(schemas.params, (ctx as unknown as { params?: unknown }).params ?? {}, 'params');
    if (issues.length) throw validationError(issues);
    ctx.state.body = body;
    ctx.state.query = query;
    ctx.state.params = params;
    await next();
  };
}
