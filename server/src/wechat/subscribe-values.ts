// WeChat's rules for subscription-message values, in one place: the server formats and trims
// its values with them before sending, and the simulator refuses values that break them (47003),
// as WeChat does. A template keyword's name says its type: `thing3` is a thing, `amount2` money.
import { chinaClock } from '../domain/china-time';
import { fenToYuan } from '../domain/units-text';

export const KEYWORD_TYPES = [
  'thing', 'character_string', 'number', 'letter', 'symbol', 'amount', 'time', 'date', 'phrase', 'name', 'phone_number', 'car_number',
] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

// Longest names first, so `character_string1` is never read as something shorter.
const KEYWORD_PATTERN = new RegExp(`^(${[...KEYWORD_TYPES].sort((a, b) => b.length - a.length).join('|')})(\\d{1,3})$`);

/** The type of a template keyword such as `thing3`; null when it is not one of WeChat's. */
export function keywordType(keyword: string): KeywordType | null {
  const m = KEYWORD_PATTERN.exec(keyword);
  return m ? (m[1] as KeywordType) : null;
}

/** A value of ours before it is written for WeChat: text, money in fen, or an instant. */
export type FieldValue = string | Date | { fen: number };

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const LETTERS = /^[A-Za-z]+$/;
/** ASCII letters, digits and punctuation: what a character_string may hold. */
const ASCII_PRINTABLE = /^[\x21-\x7E]+$/;
const SYMBOLS = /^[^\p{L}\p{N}\s]+$/u;

/** Characters, not UTF-16 units: 小米 is 2, and so is an emoji pair-free name. */
const charLength = (s: string) => [...s].length;
const truncate = (s: string, max: number, ellipsis = '…') => (charLength(s) <= max ? s : [...s].slice(0, max - charLength(ellipsis)).join('') + ellipsis);

const TIME = /^(?:\d{4}年\d{1,2}月\d{1,2}日 ?|\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}(?::\d{2})?$/;
const DATE = /^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})(?: \d{2}:\d{2}(?::\d{2})?)?$/;
const AMOUNT = /^(?:[¥￥]\d{1,10}(?:\.\d{1,2})?|\d{1,10}(?:\.\d{1,2})?元)$/;
const CAR_NUMBER = /^\p{Script=Han}?[A-Z0-9]{1,7}\p{Script=Han}?$/u;

/** Why WeChat would refuse this value for this type, or null when it is fine. */
export function valueProblem(type: KeywordType, value: string): string | null {
  if (value.length === 0) return 'is empty';
  const n = charLength(value);
  switch (type) {
    case 'thing':
      return n > 20 ? 'longer than 20 characters' : /[\r\n]/.test(value) ? 'has a line break' : null;
    case 'character_string':
      return n > 32 ? 'longer than 32 characters' : ASCII_PRINTABLE.test(value) ? null : 'may hold only letters, digits and symbols';
    case 'number':
      return /^\d+(?:\.\d+)?$/.test(value) && value.replace('.', '').length <= 32 ? null : 'must be at most 32 digits';
    case 'letter':
      return n <= 32 && LETTERS.test(value) ? null : 'must be at most 32 letters';
    case 'symbol':
      return n <= 5 && SYMBOLS.test(value) ? null : 'must be at most 5 symbols';
    case 'amount':
      return n <= 11 && AMOUNT.test(value) ? null : 'must be an amount like ¥12.50 or 12.50元';
    case 'time':
      return TIME.test(value) ? null : 'must be a time like 2026年11月28日 14:30';
    case 'date':
      return DATE.test(value) ? null : 'must be a date like 2026年11月28日';
    case 'phrase':
      return n <= 5 && ALL_HAN.test(value) ? null : 'must be at most 5 Chinese characters';
    case 'name':
      if (ALL_HAN.test(value)) return n <= 10 ? null : 'longer than 10 Chinese characters';
      return n <= 20 && /^[A-Za-z .·'-]+$/.test(value) ? null : 'must be at most 10 Chinese characters or 20 letters';
    case 'phone_number':
      return n <= 17 && /^[\d+-]+$/.test(value) ? null : 'must be at most 17 digits, + or -';
    case 'car_number':
      return n <= 8 && CAR_NUMBER.test(value) ? null : 'must be a car number plate';
  }
}


const chineseDate = (at: Date) => {
  const c = chinaClock(at);
  return `${c.year}年${c.month}月${c.day}日`;
};
const chineseTime = (at: Date) => {
  const c = chinaClock(at);
  return `${chineseDate(at)} ${c.hour}:${c.minute}`;
};

/** Our value as plain text, for types that take any text. */
function asText(value: FieldValue): string {
  if (value instanceof Date) return chineseTime(value);
  if (typeof value === 'object') return `¥${fenToYuan(value.fen)}`;
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Our value written for a keyword of this type: converted (fen → ¥12.50, instants → China time),
 * trimmed to the type's characters and cut to its length. Null when the value cannot be one
 * (a name where an amount belongs): the message is then not sent rather than refused by WeChat.
 */
export function toWeChatValue(type: KeywordType, value: FieldValue): string | null {
  let out: string;
  switch (type) {
    case 'thing':
      out = truncate(asText(value), 20);
      break;
    case 'character_string':
      out = asText(value).replace(/[^\x21-\x7E]/g, '').slice(0, 32);
      break;
    case 'number':
      out = typeof value === 'object' && !(value instanceof Date) ? fenToYuan(value.fen) : asText(value).replace(/\D/g, '').slice(0, 32);
      break;
    case 'letter':
      out = asText(value).replace(/[^A-Za-z]/g, '').slice(0, 32);
      break;
    case 'symbol':
      out = [...asText(value).replace(/[\p{L}\p{N}\s]/gu, '')].slice(0, 5).join('');
      break;
    case 'amount':
      if (typeof value !== 'object' || value instanceof Date) return null;
      // "¥" plus at most 10 characters; past ¥9,999,999.99 WeChat has no way to show it.
      out = `¥${fenToYuan(value.fen)}`;
      break;
    case 'time':
      if (!(value instanceof Date)) return null;
      out = chineseTime(value);
      break;
    case 'date':
      if (!(value instanceof Date)) return null;
      out = chineseDate(value);
      break;
    case 'phrase':
      out = [...asText(value)].filter((c) => HAN.test(c)).slice(0, 5).join('');
      break;
    case 'name': {
      const text = asText(value);
      const han = [...text].filter((c) => HAN.test(c));
      // A Chinese name keeps its characters; a Latin one its letters. WeChat takes no mixture.
      out = han.length ? han.slice(0, 10).join('') : text.replace(/[^A-Za-z .·'-]/g, '').trim().slice(0, 20);
      break;
    }
    case 'phone_number':
      out = asText(value).replace(/[^\d+-]/g, '').slice(0, 17);
      break;
    case 'car_number':
      out = asText(value).toUpperCase().replace(/\s/g, '');
      break;
  }
  return valueProblem(type, out) === null ? out : null;
}
