// What the HTTP benchmarks share: a loopback server (its URL known before its handler, so the app
// can be configured with its own address), JSON requests as the mini-program sends them, and
// logging in through the WeChat simulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, paths } from '../contract/paths';

export interface Listening {
  url: string;
  /** Sets what answers; until then every request gets 503. */
  handle(listener: http.RequestListener): void;
  close(): Promise<void>;
}

export async function listen(listener?: http.RequestListener): Promise<Listening> {
  let handler: http.RequestListener = listener ?? ((_req, res) => res.writeHead(503).end());
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: (next) => void (handler = next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GET without a body, POST with one; a bearer token and an Idempotency-Key when given. */
export const json = (token: string | null, body?: unknown, key?: string): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(key ? { 'idempotency-key': key } : {}),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** Logs `openid` in as the mini-program would: a code from the simulator, exchanged by the app. */
export async function login(simulatorUrl: string, appUrl: string, openid: string): Promise<string> {
  const codeRes = await fetch(`${simulatorUrl}/dev/login-code`, json(null, { openid }));
  const { code } = (await codeRes.json()) as { code: string };
  const res = await fetch(appUrl + API_PREFIX + paths.login, json(null, { code }));
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
