// Unsaved form state kept on this phone, so a failed save (network drop, timeout), a mini-program
// killed in the background or an accidental "back" loses nothing a seller typed. One draft per
// thing being edited, keyed by what it edits (`product:<id>`, `product:new:<shopId>`, `shop:<id>`),
// with the saved version it started from; old ones expire and the total is capped.
import Taro from '@tarojs/taro';

export interface FormDraft<T> {
  /** The saved version the edits started from; null for something not created yet. */
  version: number | null;
  /** When it was written, in ms since the epoch. */
  savedAt: number;
  data: T;
}

/** A week: long enough for a market day away from the phone, short enough not to surprise. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * Characters of one stored draft. The largest product form the limits allow (30 paragraphs of
 * 1,000 characters, 20 variants, 9 photos) is under half of this; WeChat allows 1 MB per key.
 */
export const DRAFT_MAX_CHARS = 100_000;
/** Drafts kept at once; writing one more drops the oldest (WeChat allows 10 MB in all). */
export const DRAFTS_MAX = 20;

export const draftKeys = {
  product: (id: string) => `product:${id}`,
  newProduct: (shopId: string) => `product:new:${shopId}`,
  shop: (id: string) => `shop:${id}`,
  newShop: (userId: string | null) => (userId ? `shop:new:${userId}` : 'shop:new'),
  orderSettings: (shopId: string) => `order-settings:${shopId}`,
};

const PREFIX = 'cunshop.draft.';
/** Which drafts exist and when each was written, so expired and surplus ones can be removed. */
const INDEX_KEY = 'cunshop.drafts';

type Index = Record<string, number>;

function readStored(storageKey: string): unknown {
  try {
    return Taro.getStorageSync(storageKey);
  } catch {
    return null;
  }
}

function remove(storageKey: string): void {
  try {
    Taro.removeStorageSync(storageKey);
  } catch {
    // Nothing more to do: an entry that cannot be removed expires on its next read.
  }
}

function readIndex(): Index {
  const stored = readStored(INDEX_KEY);
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const index: Index = {};
  for (const [key, savedAt] of Object.entries(stored)) if (typeof savedAt === 'number' && Number.isFinite(savedAt)) index[key] = savedAt;
  return index;
}

function writeIndex(index: Index): void {
  try {
    Taro.setStorageSync(INDEX_KEY, index);
  } catch {
    // The drafts themselves are still readable by key; only the tidying up is lost.
  }
}

const expired = (savedAt: number, now: number) => Math.abs(now - savedAt) > DRAFT_MAX_AGE_MS;

/**
 * The draft kept for `key`, or null when there is none, it expired, or what is stored is not a
 * draft `accept` recognises (an older build's shape, a damaged entry); such entries are removed.
 */
export function loadDraft<T>(key: string, accept: (data: unknown) => data is T, now: number = Date.now()): FormDraft<T> | null {
  const stored = readStored(PREFIX + key);
  if (stored === '' || stored === null || stored === undefined) return null;
  const draft = stored as Partial<FormDraft<unknown>>;
  const valid =
    typeof stored === 'object' &&
    typeof draft.savedAt === 'number' &&
    Number.isFinite(draft.savedAt) &&
    (draft.version === null || (typeof draft.version === 'number' && Number.isInteger(draft.version))) &&
    accept(draft.data);
  if (!valid || expired(draft.savedAt as number, now)) {
    clearDraft(key);
    return null;
  }
  return { version: draft.version as number | null, savedAt: draft.savedAt as number, data: draft.data as T };
}

/**
 * Keeps `data` as the draft for `key`. False when it was not kept: larger than DRAFT_MAX_CHARS
 * (an earlier, smaller draft for the key stays), or the phone's storage refused it.
 */
export function saveDraft(key: string, data: unknown, version: number | null, now: number = Date.now()): boolean {
  const draft: FormDraft<unknown> = { version, savedAt: now, data };
  let size: number;
  try {
    size = JSON.stringify(draft).length;
  } catch {
    return false;
  }
  if (size > DRAFT_MAX_CHARS) return false;
  try {
    Taro.setStorageSync(PREFIX + key, draft);
  } catch {
    return false;
  }
  const index = readIndex();
  const others = Object.entries(index)
    .filter(([other, savedAt]) => other !== key && !expired(savedAt, now))
    .sort(([, a], [, b]) => b - a);
  const kept: [string, number][] = [[key, now] as [string, number], ...others].slice(0, DRAFTS_MAX);
  const keep = new Set(kept.map(([other]) => other));
  for (const other of Object.keys(index)) if (!keep.has(other)) remove(PREFIX + other);
  writeIndex(Object.fromEntries(kept));
  return true;
}

export function clearDraft(key: string): void {
  remove(PREFIX + key);
  const index = readIndex();
  if (key in index) {
    delete index[key];
    writeIndex(index);
  }
}

/** Forgets every draft on this phone (e.g. when the person logs out). */
export function clearAllDrafts(): void {
  for (const key of Object.keys(readIndex())) remove(PREFIX + key);
  remove(INDEX_KEY);
}
