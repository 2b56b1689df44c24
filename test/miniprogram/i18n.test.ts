// Language choice from WeChat's (or the browser's) setting, fallbacks, and a message per error code.
import { ErrorCode } from '../../contract/errors';
import { en } from '../../miniprogram/src/i18n/en';
import { zhCN } from '../../miniprogram/src/i18n/zh-CN';
import { errorMessage, getLocale, pickLocale, setLocale, t, type MessageKey } from '../../miniprogram/src/i18n';
import { resetTaro, taro } from './stubs/taro';

beforeEach(() => {
  resetTaro();
  setLocale(null);
});

describe('pickLocale', () => {
  test.each([
    ['zh_CN', 'zh-CN'],
    ['zh_TW', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['en', 'en'],
    ['en_US', 'en'],
    ['en-GB', 'en'],
    ['fr', 'zh-CN'],
    ['', 'zh-CN'],
    [undefined, 'zh-CN'],
  ])('%p → %s', (language, locale) => {
    expect(pickLocale(language)).toBe(locale);
  });
});

describe('the language WeChat is set to', () => {
  test('English WeChat gets English', () => {
    taro.getAppBaseInfo.mockReturnValue({ language: 'en' });
    expect(getLocale()).toBe('en');
    expect(t('tab.orders')).toBe('Orders');
  });

  test('Chinese WeChat gets Chinese', () => {
    expect(getLocale()).toBe('zh-CN');
    expect(t('tab.orders')).toBe('订单');
  });

  test('falls back to getSystemInfoSync on base libraries without getAppBaseInfo', () => {
    const getAppBaseInfo = taro.getAppBaseInfo;
    Object.assign(taro, { getAppBaseInfo: undefined });
    taro.getSystemInfoSync.mockReturnValue({ language: 'en_US' });
    try {
      expect(getLocale()).toBe('en');
    } finally {
      Object.assign(taro, { getAppBaseInfo });
    }
  });

  test('a failing system call leaves the default, Chinese', () => {
    taro.getAppBaseInfo.mockImplementation(() => {
      throw new Error('not in WeChat');
    });
    expect(getLocale()).toBe('zh-CN');
  });
});

describe('t', () => {
  test('fills parameters and leaves unknown ones visible', () => {
    setLocale('zh-CN');
    const key = 'me.loginTitle' as MessageKey;
    expect(t(key, { unused: 1 })).toBe('请选择登录身份');
    expect(t('error.NETWORK')).toBe('网络不好，请稍后再试');
  });

  test('a key missing in English falls back to Chinese, then to the key itself', () => {
    setLocale('en');
    const saved = en['home.emptyTitle'];
    delete (en as Partial<typeof en>)['home.emptyTitle'];
    try {
      expect(t('home.emptyTitle')).toBe(zhCN['home.emptyTitle']);
      expect(t('no.such.key' as MessageKey)).toBe('no.such.key');
    } finally {
      en['home.emptyTitle'] = saved;
    }
  });
});

describe('error messages', () => {
  test.each(ErrorCode.options)('%s has a message in both languages', (code) => {
    const key = `error.${code}` as MessageKey;
    expect(zhCN[key]).toMatch(/\S/);
    expect(en[key]).toMatch(/\S/);
  });

  test('both catalogues have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  test('an unknown code from a newer server reads as "something went wrong"', () => {
    setLocale('en');
    expect(errorMessage('SOMETHING_NEW')).toBe(en['error.UNKNOWN']);
    expect(errorMessage('FORBIDDEN')).toBe(en['error.FORBIDDEN']);
  });
});
