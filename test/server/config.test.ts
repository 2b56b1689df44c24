import { loadConfig, ConfigError, SIMULATOR_APPID } from '../../server/src/config';

describe('loadConfig', () => {
  it('works with no configuration at all: port 3000, embedded database, WeChat simulator', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.uri).toBeNull();
    expect(c.database.embeddedDbPath).toMatch(/data[\\/]db$/);
    expect(c.wechat.simulator).toBe(true);
    expect(c.wechat.appid).toBe(SIMULATOR_APPID);
    expect(c.wechat.apiBase).toBeNull();
  });

  it('uses real WeChat when credentials are set, and never the simulator unless asked', () => {
    const c = loadConfig({ WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef' });
    expect(c.wechat.simulator).toBe(false);
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
    const demo = loadConfig({ WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef', WECHAT_SIMULATOR: 'on' });
    expect(demo.wechat.simulator).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'not a uri' }, 'MONGODB_URI'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WECHAT_APPID: 'nope', WECHAT_SECRET: '0123456789abcdef0123' }, 'WECHAT_APPID'],
    [{ WECHAT_APPID: 'wx1234567890abcdef' }, 'WECHAT_SECRET'],
    [{ SESSION_TTL_HOURS: '0' }, 'SESSION_TTL_HOURS'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
  ])('refuses %p naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('refuses to run the simulator in production by accident', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_APPID/);
  });

  it('treats empty variables as unset and splits lists', () => {
    const c = loadConfig({ PORT: '', CORS_ORIGINS: 'https://a.example, https://b.example', OPERATOR_OPENIDS: 'o1,o2' });
    expect(c.port).toBe(3000);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.operatorOpenids).toEqual(['o1', 'o2']);
  });
});
