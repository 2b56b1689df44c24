import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError, SIMULATOR_APPID } from '../../server/src/config';
import { SIMULATOR_MCHID } from '../../server/src/wechat/pay/config';
import { generatePayKeys, loadOrCreateDevPayKeys, simulatorPayOptionsFrom, type PayKeySet } from '../../server/src/wechat/pay/dev-keys';

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

describe('loadConfig: WeChat Pay', () => {
  const creds = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef' };
  let keys: PayKeySet;
  let dir: string;
  beforeAll(() => {
    keys = generatePayKeys('1230000109');
    dir = mkdtempSync(path.join(tmpdir(), 'cunshop-paycfg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const own = () => ({
    WECHATPAY_MCHID: '1230000109',
    WECHATPAY_SERIAL_NO: keys.merchantSerialNo.toLowerCase(),
    WECHATPAY_PRIVATE_KEY: keys.merchantPrivateKeyPem.replace(/\n/g, '\\n'),
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: keys.publicKeyId,
    WECHATPAY_PUBLIC_KEY: keys.platformPublicKeyPem,
  });
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error('loadConfig accepted it');
  };

  it('is on with the simulator by default, with its development keys, base and this server as notify URL', () => {
    const c = loadConfig({});
    expect(c.payment).toEqual({ mode: 'direct', appid: SIMULATOR_APPID, mchid: SIMULATOR_MCHID, serialNo: '', keys: null, apiBase: null, notifyUrl: null, simulatorSubMchids: [] });
    expect(loadConfig({ WECHATPAY_MODE: 'off' }).payment.mode).toBe('off');
    // Partner mode on the simulator serves WeChat's example sub-merchant unless told which.
    expect(loadConfig({ WECHATPAY_MODE: 'partner' }).payment.simulatorSubMchids).toEqual(['1900000109']);
    expect(loadConfig({ WECHATPAY_MODE: 'partner', WECHATPAY_SIM_SUB_MCHIDS: '1900000201, 1900000202' }).payment.simulatorSubMchids).toEqual(['1900000201', '1900000202']);
    expect(() => loadConfig({ WECHATPAY_MODE: 'partner', WECHATPAY_SIM_SUB_MCHIDS: '19x' })).toThrow(/WECHATPAY_SIM_SUB_MCHIDS/);
    expect(loadConfig({ WECHATPAY_MODE: 'partner', WECHATPAY_MCHID: '1900000100' }).payment).toMatchObject({ mode: 'partner', mchid: '1900000100', keys: null });
  });

  it('is off with real WeChat and no WeChat Pay variables, in production too', () => {
    expect(loadConfig(creds).payment.mode).toBe('off');
    expect(loadConfig({ ...creds, NODE_ENV: 'production' }).payment.mode).toBe('off');
  });

  it('reads one’s own keys: the PEM with literal \\n, serial upper-cased, WeChat Pay’s public key by its id, the real API by default', () => {
    const c = loadConfig({ ...creds, WECHATPAY_MODE: 'direct', ...own() });
    expect(c.payment).toMatchObject({ mode: 'direct', appid: creds.WECHAT_APPID, mchid: '1230000109', serialNo: keys.merchantSerialNo, apiBase: 'https://api.mch.weixin.qq.com', notifyUrl: null });
    expect(c.payment.keys).toEqual({
      privateKeyPem: keys.merchantPrivateKeyPem,
      apiV3Key: keys.apiV3Key,
      platformKeys: [{ serial: keys.publicKeyId, pem: keys.platformPublicKeyPem }],
    });
    // With the simulator running, one's own keys still go to WeChat Pay unless told otherwise.
    expect(loadConfig({ ...own() }).payment.apiBase).toBe('https://api.mch.weixin.qq.com');
    expect(loadConfig({ ...own(), WECHATPAY_API_BASE: 'http://127.0.0.1:4000' }).payment.apiBase).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ ...creds, WECHATPAY_MODE: 'partner', WECHATPAY_APPID: 'wxabcdefabcdef0001', ...own() }).payment).toMatchObject({ mode: 'partner', appid: 'wxabcdefabcdef0001' });
  });

  it('reads the keys from files, and platform certificates by their serial', () => {
    const keyFile = path.join(dir, 'apiclient_key.pem');
    const pubFile = path.join(dir, 'pub_key.pem');
    writeFileSync(keyFile, keys.merchantPrivateKeyPem);
    writeFileSync(pubFile, keys.platformPublicKeyPem);
    const certFile = path.join(dir, 'platform_cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'platform_key.pem'), '-out', certFile, '-days', '1', '-subj', '/CN=Tenpay.com Root CA', '-set_serial', '0x5157F09EFDC096DE15EBE81A47057A7232FE0E2B'], { stdio: 'ignore' });
    const { WECHATPAY_PRIVATE_KEY: _k, WECHATPAY_PUBLIC_KEY: _p, ...rest } = own();
    const c = loadConfig({ ...creds, WECHATPAY_MODE: 'direct', ...rest, WECHATPAY_PRIVATE_KEY_FILE: keyFile, WECHATPAY_PUBLIC_KEY_FILE: pubFile, WECHATPAY_PLATFORM_CERT_FILES: ` ${certFile} ` });
    expect(c.payment.keys?.privateKeyPem).toBe(keys.merchantPrivateKeyPem);
    expect(c.payment.keys?.platformKeys.map((k) => k.serial)).toEqual([keys.publicKeyId, '5157F09EFDC096DE15EBE81A47057A7232FE0E2B']);
    // Certificates alone are enough.
    const { WECHATPAY_PUBLIC_KEY_ID: _i, ...noPublicKey } = rest;
    expect(loadConfig({ ...creds, WECHATPAY_MODE: 'direct', ...noPublicKey, WECHATPAY_PRIVATE_KEY_FILE: keyFile, WECHATPAY_PLATFORM_CERT_FILES: certFile }).payment.keys?.platformKeys).toHaveLength(1);
    expect(problemsOf({ ...creds, WECHATPAY_MODE: 'direct', ...noPublicKey, WECHATPAY_PRIVATE_KEY_FILE: keyFile, WECHATPAY_PLATFORM_CERT_FILES: keyFile })).toEqual([expect.stringMatching(/^WECHATPAY_PLATFORM_CERT_FILES: .* is not a PEM certificate/)]);
    expect(problemsOf({ ...creds, WECHATPAY_MODE: 'direct', ...rest, WECHATPAY_PRIVATE_KEY_FILE: path.join(dir, 'missing.pem'), WECHATPAY_PUBLIC_KEY_FILE: pubFile })).toEqual([expect.stringMatching(/^WECHATPAY_PRIVATE_KEY_FILE: cannot read .*missing\.pem \(ENOENT\)/)]);
  });

  it('names every missing variable when WeChat Pay is on with real WeChat', () => {
    const problems = problemsOf({ ...creds, WECHATPAY_MODE: 'direct' });
    for (const name of ['WECHATPAY_MCHID', 'WECHATPAY_SERIAL_NO', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_PUBLIC_KEY_ID']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
    // One key variable given with the simulator means "my own keys": the rest are then required too.
    expect(problemsOf({ WECHATPAY_APIV3_KEY: keys.apiV3Key }).map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['WECHATPAY_MCHID', 'WECHATPAY_SERIAL_NO', 'WECHATPAY_PRIVATE_KEY or WECHATPAY_PRIVATE_KEY_FILE']),
    );
  });

  it.each([
    ['WECHATPAY_APIV3_KEY', { WECHATPAY_APIV3_KEY: 'x'.repeat(31) }, /WECHATPAY_APIV3_KEY: must be exactly 32 bytes/],
    ['WECHATPAY_APIV3_KEY', { WECHATPAY_APIV3_KEY: '密'.repeat(32) }, /WECHATPAY_APIV3_KEY: must be exactly 32 bytes/],
    ['WECHATPAY_MODE', { WECHATPAY_MODE: 'on' }, /WECHATPAY_MODE/],
    ['WECHATPAY_MCHID', { WECHATPAY_MCHID: '12ab' }, /WECHATPAY_MCHID/],
    ['WECHATPAY_SERIAL_NO', { WECHATPAY_SERIAL_NO: 'not-hex!' }, /WECHATPAY_SERIAL_NO/],
    ['WECHATPAY_PUBLIC_KEY_ID', { WECHATPAY_PUBLIC_KEY_ID: 'KEY_1' }, /WECHATPAY_PUBLIC_KEY_ID/],
    ['WECHATPAY_PRIVATE_KEY', { WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nTOPSECRETMATERIAL\\n-----END PRIVATE KEY-----' }, /WECHATPAY_PRIVATE_KEY: not an RSA private key/],
    ['WECHATPAY_PUBLIC_KEY', { WECHATPAY_PUBLIC_KEY: 'TOPSECRETMATERIAL' }, /WECHATPAY_PUBLIC_KEY: not an RSA public key/],
    ['WECHATPAY_PUBLIC_KEY_ID', { WECHATPAY_PUBLIC_KEY_ID: undefined as unknown as string }, /WECHATPAY_PUBLIC_KEY_ID and WECHATPAY_PUBLIC_KEY\(_FILE\): set both or neither/],
    ['WECHATPAY_PRIVATE_KEY', { WECHATPAY_PRIVATE_KEY_FILE: '/dev/null' }, /WECHATPAY_PRIVATE_KEY, WECHATPAY_PRIVATE_KEY_FILE: set one, not both/],
    ['WECHATPAY_API_BASE', { WECHATPAY_API_BASE: 'nowhere' }, /WECHATPAY_API_BASE/],
  ])('refuses a bad %s, without quoting key material', (_name, bad, message) => {
    const env = { ...creds, WECHATPAY_MODE: 'direct', ...own(), ...bad } as Record<string, string>;
    const err = (() => {
      try {
        loadConfig(env);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/TOPSECRETMATERIAL|BEGIN|密/);
    expect(err.message).not.toContain(keys.apiV3Key);
  });

  it('needs an https notify URL in production, and takes this server’s own origin otherwise', () => {
    const prod = { ...creds, NODE_ENV: 'production', WECHATPAY_MODE: 'direct', ...own() };
    expect(problemsOf(prod)).toEqual([expect.stringMatching(/^WECHATPAY_NOTIFY_URL: required in production/)]);
    expect(problemsOf({ ...prod, WECHATPAY_NOTIFY_URL: 'http://shop.example/api/v1/payments/wechat/notify' })).toEqual(['WECHATPAY_NOTIFY_URL: must be https in production']);
    expect(loadConfig({ ...prod, WECHATPAY_NOTIFY_URL: 'https://shop.example/api/v1/payments/wechat/notify' }).payment.notifyUrl).toBe('https://shop.example/api/v1/payments/wechat/notify');
    expect(loadConfig({ ...creds, WECHATPAY_MODE: 'direct', ...own() }).payment.notifyUrl).toBeNull();
    // A production demo on the simulator pays itself.
    expect(loadConfig({ NODE_ENV: 'production', WECHAT_SIMULATOR: 'on' }).payment).toMatchObject({ mode: 'direct', keys: null, notifyUrl: null });
  });
});

describe('WeChat Pay development keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cunshop-devkeys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are made on first use (owner-only), then the same ones are loaded', () => {
    const first = loadOrCreateDevPayKeys(path.join(dir, 'wechatpay-sim'), SIMULATOR_MCHID);
    expect(first.merchantSerialNo).toMatch(/^[0-9A-F]{40}$/);
    expect(first.publicKeyId).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(Buffer.byteLength(first.apiV3Key)).toBe(32);
    expect(first.merchantPrivateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const files = readdirSync(path.join(dir, 'wechatpay-sim'));
    expect(files).toEqual(['keys.json']);
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'wechatpay-sim', 'keys.json')).mode & 0o777).toBe(0o600);
    const again = loadOrCreateDevPayKeys(path.join(dir, 'wechatpay-sim'), '1900000002');
    expect(again).toEqual({ ...first, mchid: '1900000002' });
  });

  it('refuses a damaged key file instead of quietly replacing it', () => {
    writeFileSync(path.join(dir, 'keys.json'), '{"merchantSerialNo": 1}');
    expect(() => loadOrCreateDevPayKeys(dir, SIMULATOR_MCHID)).toThrow(/unreadable; delete the file/);
  });

  it('describe the merchant and WeChat Pay to the simulator', () => {
    const k = generatePayKeys('1900000001');
    expect(simulatorPayOptionsFrom(k, [SIMULATOR_APPID], ['1900000109'])).toEqual({
      merchants: [{ mchid: '1900000001', serialNo: k.merchantSerialNo, publicKeyPem: k.merchantPublicKeyPem, apiV3Key: k.apiV3Key, appids: [SIMULATOR_APPID], subMchids: ['1900000109'] }],
      platform: { publicKeyId: k.publicKeyId, privateKeyPem: k.platformPrivateKeyPem },
    });
  });
});
