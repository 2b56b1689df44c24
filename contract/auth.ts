// Logging in with a wx.login code, and the session that results.
import { z } from './openapi';
import { SubscribeTemplates } from './orders';
import { UserView } from './users';

export const LoginRequest = z
  .object({
    // wx.login codes are short opaque strings; the bound keeps junk out of WeChat calls and logs.
    code: z.string().trim().min(1).max(128),
  })
  .strict()
  .openapi('LoginRequest');
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z
  .object({
    token: z.string(),
    expiresAt: z.string().datetime(),
    user: UserView,
  })
  .openapi('LoginResponse');
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The test identities the WeChat simulator can log in as in the H5 build. */
export const SimIdentity = z.enum(['seller', 'buyer', 'new']);
export type SimIdentity = z.infer<typeof SimIdentity>;

export const SimLoginCodeRequest = z.object({ identity: SimIdentity }).strict();
export const SimLoginCodeResponse = z.object({ code: z.string(), openid: z.string() });
export type SimLoginCodeResponse = z.infer<typeof SimLoginCodeResponse>;

/** What the client may know about how this server is set up. */
export const ClientConfig = z
  .object({
    /** Path (same origin) of the WeChat simulator's login-code endpoint, when the simulator runs. */
    simulatorLoginCodePath: z.string().nullable(),
    /** Path of the simulator's stand-in for the subscribe dialog (H5 only), when the simulator runs. */
    simulatorSubscribePath: z.string().nullable(),
    /** Path of the simulator's pay sheet (H5 stands in for WeChat's), when the simulator runs WeChat Pay. */
    simulatorPaySheetPath: z.string().nullable(),
    /** Subscription-message template ids to ask for, by topic. */
    subscribeTemplates: SubscribeTemplates,
    apiVersion: z.literal('v1'),
  })
  .openapi('ClientConfig');
export type ClientConfig = z.infer<typeof ClientConfig>;
