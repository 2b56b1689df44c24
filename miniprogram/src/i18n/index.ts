// Translations: Simplified Chinese by default, English when WeChat (or the browser) is set to it.
import { systemLanguage } from '../services/platform';
import { en } from './en';
import type { FailureCode, MessageKey, Messages } from './messages';
import { zhCN } from './zh-CN';

export type { ClientErrorCode, FailureCode, MessageKey, Messages } from './messages';

export type Locale = 'zh-CN' | 'en';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/**
 * WeChat reports `zh_CN`, `zh_TW`, `en`…; browsers `zh-CN`, `en-US`…. Any Chinese gets
 * Simplified Chinese (the only Chinese we have), any English gets English, the rest the default.
 */
export function pickLocale(language: string | null | undefined): Locale {
  const lang = (language ?? '').toLowerCase();
  if (lang.startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

let current: Locale | null = null;

export function getLocale(): Locale {
  if (current === null) current = pickLocale(systemLanguage());
  return current;
}

/** For tests and a future language switch; `null` goes back to the system's language. */
export function setLocale(locale: Locale | null): void {
  current = locale;
}

export type MessageParams = Record<string, string | number>;

/** The message for `key` in the current language, falling back to Chinese, then to the key. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = catalogues[getLocale()][key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** True when we have a message for `code` (a server code from the contract, or one of ours). */
export function isFailureCode(code: unknown): code is FailureCode {
  return typeof code === 'string' && `error.${code}` in zhCN;
}

/** A human message for an error code; a code newer than this build reads as "something went wrong". */
export function errorMessage(code: string): string {
  return isFailureCode(code) ? t(`error.${code}`) : t('error.UNKNOWN');
}
