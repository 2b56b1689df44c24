// WeChat's text check (msg_sec_check v2) through our client, against the simulator: verdicts,
// keywords, WeChat's errcodes mapped to ours, and the simulator behaving as WeChat does.
import type { Harness } from './harness';
import { person, startCatalogHarness } from './catalog-fixtures';
import { msgSecCheck } from '../../server/src/wechat/content-security';
import { defaultContentRules } from '../../server/src/wechat/simulator/state';

let h: Harness;
let openid: string;
beforeAll(async () => {
  h = await startCatalogHarness();
  openid = `u_check_${Date.now()}`;
  await person(h, openid); // WeChat checks text only for people who used the mini-program
});
afterAll(() => h.close());
afterEach(() => {
  h.simulator.state.contentRules = defaultContentRules();
});

const check = (content: string, title?: string) => msgSecCheck(h.boot.services.wechat, { openid, content, title, scene: 3 });

it('passes ordinary text', async () => {
  expect(await check('山西小米，颗粒饱满')).toMatchObject({ suggest: 'pass', label: 100, labelName: 'normal', keywords: [] });
});

it('says review for advertising-law absolutes, naming the words', async () => {
  const v = await check('口感最好', '国家级小米');
  expect(v).toMatchObject({ suggest: 'review', label: 10001, labelName: 'advertising' });
  expect(v.keywords.sort()).toEqual(['国家级', '最好'].sort());
  expect(v.traceId).toMatch(/^[0-9a-f]+$/);
});

it('says risky for blocked words, and follows rule changes', async () => {
  expect((await check('这里有毒品')).suggest).toBe('risky');
  h.simulator.state.contentRules.risky = ['小米'];
  expect(await check('小米')).toMatchObject({ suggest: 'risky', label: 20006, keywords: ['小米'] });
});

it('maps WeChat failures to our errors rather than passing unchecked', async () => {
  for (const [errcode, code] of [[-1, 'WECHAT_BUSY'], [61010, 'WECHAT_UNAVAILABLE'], [40003, 'WECHAT_UNAVAILABLE'], [44002, 'WECHAT_UNAVAILABLE']] as const) {
    h.simulator.state.contentRules.failWith = errcode;
    await expect(check('山西小米')).rejects.toMatchObject({ code });
  }
});

it('refuses an openid WeChat has never seen (40003)', async () => {
  await expect(msgSecCheck(h.boot.services.wechat, { openid: 'never_logged_in', content: '小米', scene: 3 })).rejects.toMatchObject({
    code: 'WECHAT_UNAVAILABLE',
    details: { errcode: 40003 },
  });
});

it('gets a fresh access token when WeChat rejects the cached one', async () => {
  await check('先取得一个令牌');
  h.simulator.state.tokens.clear(); // every issued token now answers 40001
  expect((await check('小米')).suggest).toBe('pass');
});

describe('the simulated endpoint', () => {
  const post = async (body: unknown, token?: string) => {
    const t = token ?? (await h.boot.services.wechat.accessToken.get());
    const res = await fetch(`${h.simulatorUrl}/wxa/msg_sec_check?access_token=${t}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { errcode: number; result?: { suggest: string } };
  };

  it('checks the access token and the body as WeChat does', async () => {
    expect((await post({ content: 'x', version: 2, scene: 3, openid }, 'bogus')).errcode).toBe(40001);
    expect((await post({ content: 'x', version: 2, scene: 9, openid })).errcode).toBe(40129);
    expect((await post({ content: '', version: 2, scene: 3, openid })).errcode).toBe(44002);
    expect((await post({ content: 5, version: 2, scene: 3, openid })).errcode).toBe(47001);
    expect((await post({ content: 'x', version: 2, scene: 3 })).errcode).toBe(44002);
    expect((await post({ content: 'x', version: 2, scene: 3, openid })).result?.suggest).toBe('pass');
  });

  it('answers version 1 with errcode 87014 for risky content', async () => {
    expect((await post({ content: '赌博' })).errcode).toBe(87014);
    expect((await post({ content: '小米' })).errcode).toBe(0);
  });
});
