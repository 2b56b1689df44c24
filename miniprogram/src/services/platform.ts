// Everything that differs between WeChat (weapp) and the browser build (h5) lives here, so pages
// ask "can I…?" instead of checking TARO_ENV. The build replaces TARO_ENV, dropping the other branch.
import Taro from '@tarojs/taro';

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
  void Taro.navigateTo({ url: '/subpackages/seller/pages/home/index' });
}
