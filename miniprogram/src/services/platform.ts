// Everything that differs between WeChat (weapp) and the browser build (h5) lives here, so pages
// ask "can I…?" instead of checking TARO_ENV. The build replaces TARO_ENV, dropping the other branch.
import Taro from '@tarojs/taro';
import type { PaymentParams } from '../../../contract/payments';
import { pages } from '../../../contract/paths';
import { loadSession } from './session';
import { openSimPaySheet, type PaymentOutcome } from './sim-pay-sheet';

/** True in the browser build, where there is no wx.login and the WeChat simulator stands in. */
export const isBrowser = process.env.TARO_ENV === 'h5';

/** WeChat's own avatar chooser (`<Button openType="chooseAvatar">`) exists only inside WeChat. */
export const hasNativeAvatarPicker = process.env.TARO_ENV === 'weapp';

/** Origin of the API: the page's own origin in H5, the configured server for the mini-program. */
export function apiBase(): string {
  if (isBrowser) return '';
  return process.env.TARO_APP_API_BASE || 'http://localhost:3000';
}

/** The language WeChat (or the browser) is set to, e.g. `zh_CN`, `en`, `en-US`. */
export function systemLanguage(): string | undefined {
  if (isBrowser) return typeof navigator === 'undefined' ? undefined : navigator.language;
  try {
    // getAppBaseInfo replaces the deprecated getSystemInfoSync on newer base libraries.
    if (typeof Taro.getAppBaseInfo === 'function') return Taro.getAppBaseInfo().language;
    return Taro.getSystemInfoSync().language;
  } catch {
    return undefined;
  }
}

/** A wx.login code inside WeChat; undefined in the browser, where codes come from the simulator. */
export const weChatLoginCode: (() => Promise<string>) | undefined = isBrowser
  ? undefined
  : async () => (await Taro.login()).code;

/** Lets the person pick one picture (the browser's file picker in H5); null when they cancel. */
export async function pickImageFile(): Promise<string | null> {
  try {
    const result = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return result.tempFilePaths[0] ?? null;
  } catch {
    return null;
  }
}

/** Opens the seller centre, which lives in a subpackage that buyers never download. */
export function openSellerCentre(): void {
  openPage('sellerHome');
}

/** Opens the platform's admin pages (operators only), in a subpackage of their own. */
export function openOperatorCentre(): void {
  openPage('operatorShops');
}

/** Every page screens may open, named once in the contract. */
const appPages = pages;

export type PageName = keyof typeof appPages;
export type PageQuery = Record<string, string | undefined>;
/** How screens move to another page; tests pass a jest.fn. */
export type Navigate = (page: PageName, query?: PageQuery) => void;

/** A page's URL with its query, e.g. `/pages/product/index?id=…`. */
export function pageUrl(page: PageName, query: PageQuery = {}): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return `/${appPages[page]}${parts.length ? `?${parts.join('&')}` : ''}`;
}

const TAB_PAGES: readonly PageName[] = ['home', 'orders', 'me'];

/** Goes to a page; when WeChat's ten-page stack is full, replaces the current page instead. */
export const openPage: Navigate = (page, query) => {
  const url = pageUrl(page, query);
  // Tab pages can only be switched to (and take no query).
  if (TAB_PAGES.includes(page)) {
    Taro.switchTab({ url: `/${appPages[page]}` }).catch(() => undefined);
    return;
  }
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }).catch(() => undefined));
};

/** The Me tab, where a person logs in (tab pages are switched to, not pushed). */
export function openMeTab(): void {
  Taro.switchTab({ url: `/${pages.me}` }).catch(() => undefined);
}

/** Back to the previous page, or home when the page was opened directly (a shared link). */
export function goBack(): void {
  Taro.navigateBack().catch(() => Taro.reLaunch({ url: pageUrl('home') }).catch(() => undefined));
}

/** Photo and file URLs from the server are paths on the API origin. */
export function mediaUrl(url: string): string {
  return url.startsWith('/') ? apiBase() + url : url;
}

/**
 * Lets the person pick up to `count` photos: WeChat's album/camera sheet (chooseMedia), or the
 * browser's file picker. Resolves [] when they cancel.
 */
export async function pickImages(count: number): Promise<string[]> {
  if (count <= 0) return [];
  try {
    if (isBrowser) {
      const result = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return result.tempFilePaths.slice(0, count);
    }
    const result = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return result.tempFiles.map((file) => file.tempFilePath).slice(0, count);
  } catch {
    return [];
  }
}

/**
 * Shrinks a photo on the phone before it goes up a weak network (WeChat only; the browser has no
 * compressImage). When compressing fails the original is sent: the server resizes it anyway.
 */
export async function compressForUpload(filePath: string): Promise<string> {
  if (isBrowser) return filePath;
  try {
    return (await Taro.compressImage({ src: filePath, quality: 80 })).tempFilePath || filePath;
  } catch {
    return filePath;
  }
}

/** Asks a yes/no question in the platform's own dialog. */
export async function confirmAction(title: string, content: string, confirmText: string, cancelText: string): Promise<boolean> {
  try {
    const result = await Taro.showModal({ title, content, confirmText, cancelText });
    return result.confirm;
  } catch {
    return false;
  }
}

/** Full-screen photo viewer with pinch zoom. */
export function previewImages(urls: string[], current: string): void {
  Taro.previewImage({ urls, current }).catch(() => undefined);
}

/**
 * Inside WeChat a poster is saved to the album; the browser cannot write to it, so the page shows
 * the image for a long-press save instead.
 */
export const canSaveToAlbum = !isBrowser;

export type AlbumSaveResult = 'saved' | 'denied' | 'failed';

/** Saves an image to the phone's album; 'denied' when the person refused WeChat's permission. */
export async function saveImageToAlbum(filePath: string): Promise<AlbumSaveResult> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    return 'saved';
  } catch (reason) {
    const text = String((reason as { errMsg?: unknown } | null)?.errMsg ?? reason ?? '');
    return /auth|deny|denied|authorize|permission/i.test(text) ? 'denied' : 'failed';
  }
}

/** Opens WeChat's permission settings for this mini-program (to allow saving to the album). */
export function openAppSettings(): void {
  Taro.openSetting().catch(() => undefined);
}

/** WeChat scans a waybill's barcode with the camera; the browser build has no scanner. */
export const canScanBarcode = !isBrowser;

/** A waybill's barcode as text (a tracking number); null when cancelled, failed or unavailable. */
export async function scanBarcode(): Promise<string | null> {
  if (!canScanBarcode) return null;
  try {
    const scanned = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode'] });
    return scanned.result || null;
  } catch {
    return null;
  }
}

/**
 * A downloaded file (a pick list) goes on to where it can be opened or printed: the browser saves
 * it at once; WeChat sends it into a chat (e.g. "文件传输助手", opened on a computer), which it
 * allows only straight from a tap, so there the screen asks for a second tap.
 */
export const fileHandOffNeedsTap = !isBrowser;

export type FileHandOff = 'done' | 'cancelled' | 'failed';

export async function handOffFile(filePath: string, fileName: string): Promise<FileHandOff> {
  if (isBrowser) {
    if (typeof document === 'undefined') return 'failed';
    const link = document.createElement('a');
    link.href = filePath;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    return 'done';
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName });
    return 'done';
  } catch (reason) {
    const text = String((reason as { errMsg?: unknown } | null)?.errMsg ?? reason ?? '');
    return /cancel/i.test(text) ? 'cancelled' : 'failed';
  }
}

/** Replaces the current page (a placed order's page replaces the checkout, so "back" skips it). */
export const replacePage: Navigate = (page, query) => {
  Taro.redirectTo({ url: pageUrl(page, query) }).catch(() => undefined);
};

/** One of the tab pages (they are switched to, not pushed, and take no query). */
export function openTab(tab: 'home' | 'orders' | 'me'): void {
  Taro.switchTab({ url: `/${pages[tab]}` }).catch(() => undefined);
}

/** WeChat's address book answer, in WeChat's own field names (they cross the wire as they are). */
export interface WeChatAddress {
  userName: string;
  telNumber: string;
  /** The county's six-digit division code, when WeChat gives one. */
  nationalCode?: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
}

/** WeChat keeps the person's delivery addresses; the browser has none, so the form is used there. */
export const canChooseWeChatAddress = !isBrowser;

/** Opens WeChat's address book; null when the person cancels, refuses, or there is none (browser). */
export async function chooseAddress(): Promise<WeChatAddress | null> {
  if (isBrowser) return null;
  try {
    const chosen = await Taro.chooseAddress();
    return {
      userName: chosen.userName ?? '',
      telNumber: chosen.telNumber ?? '',
      nationalCode: chosen.nationalCode,
      provinceName: chosen.provinceName ?? '',
      cityName: chosen.cityName ?? '',
      countyName: chosen.countyName ?? '',
      detailInfo: chosen.detailInfo ?? '',
    };
  } catch {
    return null;
  }
}

/** What the subscribe dialog answered per template id: accept, reject, ban or filter. */
export type SubscribeAnswers = Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
const SUBSCRIBE_ANSWERS = new Set(['accept', 'reject', 'ban', 'filter']);

/**
 * Asks to send the person these messages later (an order paid, shipped). WeChat shows its dialog
 * only when this is called straight from a tap, before anything is awaited, so callers start it
 * first and await it later. In the browser the WeChat simulator's stand-in accepts them all, when
 * it runs. Resolves null when nothing was asked or the dialog failed.
 */
export function requestSubscribe(templateIds: string[], simulatorSubscribePath: string | null): Promise<SubscribeAnswers | null> {
  if (templateIds.length === 0) return Promise.resolve(null);
  if (isBrowser) {
    if (!simulatorSubscribePath) return Promise.resolve(null);
    const results: SubscribeAnswers = Object.fromEntries(templateIds.map((id) => [id, 'accept' as const]));
    // The simulator credits the person our API knows by this token, as WeChat credits whoever
    // tapped the dialog.
    const token = loadSession()?.token;
    const header = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    return Taro.request({ url: apiBase() + simulatorSubscribePath, method: 'POST', data: { results }, header }).then(
      (response) => (response.statusCode >= 200 && response.statusCode < 300 ? results : null),
      () => null,
    );
  }
  // entityIds is Alipay's; WeChat takes only tmplIds.
  return Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option).then(
    (answer) => {
      const results: SubscribeAnswers = {};
      for (const id of templateIds) {
        const value = (answer as unknown as Record<string, unknown>)[id];
        if (typeof value === 'string' && SUBSCRIBE_ANSWERS.has(value)) results[id] = value as SubscribeAnswers[string];
      }
      return Object.keys(results).length ? results : null;
    },
    () => null,
  );
}

export type { PaymentOutcome } from './sim-pay-sheet';

/**
 * Shows the pay sheet for parameters the server signed: WeChat's own inside WeChat; in the browser
 * the WeChat simulator's stand-in, when it runs ('failed' when it does not). 'paid' is only the
 * phone's word: the caller asks our server, which asks WeChat Pay, before anything shows as paid.
 */
export async function requestPayment(params: PaymentParams, simulatorPaySheetPath: string | null): Promise<PaymentOutcome> {
  if (isBrowser) {
    if (!simulatorPaySheetPath) return 'failed';
    // The simulator charges the person our API knows by this token, as WeChat charges whoever
    // holds the phone.
    return openSimPaySheet(params, apiBase() + simulatorPaySheetPath, loadSession()?.token ?? null);
  }
  try {
    await Taro.requestPayment({ ...params });
    return 'paid';
  } catch (reason) {
    // "requestPayment:fail cancel" when the person closes the sheet; anything else is a failure.
    const text = String((reason as { errMsg?: unknown } | null)?.errMsg ?? reason ?? '');
    return /cancel/i.test(text) ? 'cancelled' : 'failed';
  }
}

/** Copies text (a tracking number) for pasting into a courier's app; false when it did not work. */
export async function setClipboard(text: string): Promise<boolean> {
  if (isBrowser) {
    try {
      if (typeof navigator !== 'undefined' && navigator.clipboard) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // Not allowed (an insecure origin, no permission): the old way below still works in most browsers.
    }
    return copyWithTextarea(text);
  }
  try {
    await Taro.setClipboardData({ data: text });
    return true;
  } catch {
    return false;
  }
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined') return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    document.body.removeChild(area);
  }
}

/** Rings a phone number (the seller's, to pay or ask); the browser hands a tel: link to the system. */
export function callPhone(phoneNumber: string): void {
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}
