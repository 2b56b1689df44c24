// Unsaved forms kept on the phone: keyed by what they edit, with the version they started from,
// gone after a week, capped in size and number, and anything damaged in storage ignored.
import Taro from '@tarojs/taro';
import {
  clearAllDrafts, clearDraft, DRAFT_MAX_AGE_MS, DRAFT_MAX_CHARS, draftKeys, DRAFTS_MAX, loadDraft, saveDraft,
} from '../../miniprogram/src/services/form-drafts';
import { emptyForm, formFromProduct } from '../../miniprogram/src/subpackages/seller/pages/editor/form';
import { formFromDraft, isProductDraft, productDraftOf } from '../../miniprogram/src/subpackages/seller/pages/editor/draft';
import { milletListing } from './fixtures';
import { resetTaro, taro } from './stubs/taro';

interface Note {
  text: string;
}
const isNote = (value: unknown): value is Note => typeof value === 'object' && value !== null && typeof (value as Note).text === 'string';

const T0 = Date.parse('2026-11-28T08:00:00Z');

beforeEach(() => resetTaro());
afterEach(() => jest.restoreAllMocks());

test('keys name what is edited', () => {
  expect(draftKeys.product('p1')).toBe('product:p1');
  expect(draftKeys.newProduct('shop1')).toBe('product:new:shop1');
  expect(draftKeys.shop('shop1')).toBe('shop:shop1');
  expect(draftKeys.newShop('u1')).toBe('shop:new:u1');
  expect(draftKeys.newShop(null)).toBe('shop:new');
});

test('a draft comes back with the version it was based on and when it was written, under its own key only', () => {
  expect(saveDraft('product:p1', { text: '东北小米' }, 4, T0)).toBe(true);
  expect(saveDraft('product:new:shop1', { text: '新的' }, null, T0)).toBe(true);
  expect(loadDraft('product:p1', isNote, T0 + 1000)).toEqual({ version: 4, savedAt: T0, data: { text: '东北小米' } });
  expect(loadDraft('product:new:shop1', isNote, T0)).toEqual({ version: null, savedAt: T0, data: { text: '新的' } });
  expect(loadDraft('product:p2', isNote, T0)).toBeNull();
  clearDraft('product:p1');
  expect(loadDraft('product:p1', isNote, T0)).toBeNull();
  expect(loadDraft('product:new:shop1', isNote, T0)).not.toBeNull();
});

test('a draft expires after a week and is removed', () => {
  saveDraft('product:p1', { text: 'old' }, 4, T0);
  expect(loadDraft('product:p1', isNote, T0 + DRAFT_MAX_AGE_MS)).not.toBeNull();
  expect(loadDraft('product:p1', isNote, T0 + DRAFT_MAX_AGE_MS + 1)).toBeNull();
  // Removed, not just hidden: reading it "earlier" again finds nothing.
  expect(loadDraft('product:p1', isNote, T0)).toBeNull();
  expect(Taro.getStorageSync('cunshop.draft.product:p1')).toBe('');
});

test('writing a draft removes expired ones', () => {
  saveDraft('product:old', { text: 'old' }, 1, T0);
  saveDraft('product:new', { text: 'new' }, 1, T0 + DRAFT_MAX_AGE_MS + 1);
  expect(Taro.getStorageSync('cunshop.draft.product:old')).toBe('');
  expect(loadDraft('product:new', isNote, T0 + DRAFT_MAX_AGE_MS + 1)).not.toBeNull();
});

test('a draft larger than the cap is not kept, and the earlier one for that key stays', () => {
  saveDraft('product:p1', { text: 'small' }, 4, T0);
  expect(saveDraft('product:p1', { text: 'x'.repeat(DRAFT_MAX_CHARS) }, 4, T0 + 1)).toBe(false);
  expect(loadDraft('product:p1', isNote, T0 + 2)?.data.text).toBe('small');
});

test('only the newest DRAFTS_MAX drafts are kept', () => {
  for (let n = 0; n <= DRAFTS_MAX; n += 1) saveDraft(`product:p${n}`, { text: String(n) }, 1, T0 + n);
  expect(loadDraft('product:p0', isNote, T0 + 100)).toBeNull();
  expect(loadDraft('product:p1', isNote, T0 + 100)?.data.text).toBe('1');
  expect(loadDraft(`product:p${DRAFTS_MAX}`, isNote, T0 + 100)?.data.text).toBe(String(DRAFTS_MAX));
});

test('damaged or foreign entries are ignored and removed', () => {
  const damaged: unknown[] = [
    'not a draft',
    42,
    [],
    { version: 4, data: { text: 'no time' } },
    { savedAt: 'yesterday', version: 4, data: { text: 'x' } },
    { savedAt: T0, version: '4', data: { text: 'x' } },
    { savedAt: T0, version: 4.5, data: { text: 'x' } },
    { savedAt: T0, version: 4, data: { words: 'another shape' } },
    { savedAt: T0, version: 4 },
  ];
  for (const stored of damaged) {
    Taro.setStorageSync('cunshop.draft.product:p1', stored);
    expect(loadDraft('product:p1', isNote, T0)).toBeNull();
    expect(Taro.getStorageSync('cunshop.draft.product:p1')).toBe('');
  }
  // A damaged index does not stop drafts being written or read.
  Taro.setStorageSync('cunshop.drafts', 'garbage');
  expect(saveDraft('product:p1', { text: 'ok' }, 1, T0)).toBe(true);
  expect(loadDraft('product:p1', isNote, T0)?.data.text).toBe('ok');
});

test('storage that throws (full, unavailable) means "not kept", never a crash', () => {
  jest.spyOn(taro, 'setStorageSync').mockImplementation(() => {
    throw new Error('exceed storage max size');
  });
  expect(saveDraft('product:p1', { text: 'x' }, 1, T0)).toBe(false);
  jest.spyOn(taro, 'getStorageSync').mockImplementation(() => {
    throw new Error('storage unavailable');
  });
  expect(loadDraft('product:p1', isNote, T0)).toBeNull();
});

test('clearing all drafts forgets every one', () => {
  saveDraft('product:p1', { text: 'a' }, 1, T0);
  saveDraft('shop:shop1', { text: 'b' }, 1, T0);
  clearAllDrafts();
  expect(loadDraft('product:p1', isNote, T0)).toBeNull();
  expect(loadDraft('shop:shop1', isNote, T0)).toBeNull();
});

test('a product form survives the round trip through storage; a damaged one is refused', () => {
  const draft = productDraftOf(formFromProduct(milletListing), milletListing.photos);
  saveDraft('product:p1', draft, 4, T0);
  const back = loadDraft('product:p1', isProductDraft, T0);
  expect(back?.data).toEqual(draft);
  // Fresh row keys, same content.
  const form = formFromDraft(back!.data);
  expect(productDraftOf(form, milletListing.photos)).toEqual(draft);
  expect(form.variants.map((row) => row.key)).not.toEqual(formFromProduct(milletListing).variants.map((row) => row.key));

  expect(isProductDraft(productDraftOf(emptyForm(), []))).toBe(true);
  expect(isProductDraft({ ...draft, form: { ...draft.form, category: 'weapons' } })).toBe(false);
  expect(isProductDraft({ ...draft, form: { ...draft.form, variants: [{ name: 1 }] } })).toBe(false);
  expect(isProductDraft({ ...draft, photos: [{ id: 'x' }] })).toBe(false);
  expect(isProductDraft({ form: draft.form })).toBe(false);
});

test('photos still uploading or failed are never kept in a product draft', () => {
  const form = {
    ...emptyForm(),
    description: [
      { key: 'a', type: 'text' as const, text: '段落' },
      { key: 'b', type: 'image' as const, photo: null, localPath: 'blob:slow', state: 'uploading' as const, progress: 40 },
      { key: 'c', type: 'image' as const, photo: null, localPath: 'blob:bad', state: 'failed' as const, progress: 0 },
      { key: 'd', type: 'image' as const, photo: milletListing.photos[0], localPath: null, state: 'done' as const, progress: 100 },
    ],
  };
  expect(productDraftOf(form, []).form.description).toEqual([
    { type: 'text', text: '段落' },
    { type: 'image', photo: milletListing.photos[0] },
  ]);
});
