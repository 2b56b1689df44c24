// A small hand-written stand-in for @tarojs/taro in jsdom: storage in a Map, the network and
// WeChat calls as jest mocks that each test scripts, and page hooks mapped onto React effects.
import { useEffect } from 'react';

const storage = new Map<string, string>();

export const taro = {
  request: jest.fn(),
  uploadFile: jest.fn(),
  login: jest.fn(),
  chooseImage: jest.fn(),
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  reLaunch: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  chooseMedia: jest.fn(),
  compressImage: jest.fn(),
  downloadFile: jest.fn(),
  previewImage: jest.fn(() => Promise.resolve()),
  saveImageToPhotosAlbum: jest.fn(),
  openSetting: jest.fn(() => Promise.resolve({})),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  setTabBarItem: jest.fn(() => Promise.resolve()),
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
  getAppBaseInfo: jest.fn(() => ({ language: 'zh_CN' })),
  getSystemInfoSync: jest.fn(() => ({ language: 'zh_CN' })),
  // The app going to the background; a test calls the registered listeners itself.
  onAppHide: jest.fn(),
  offAppHide: jest.fn(),
  // Like WeChat: a missing key reads as '' and values are stored as copies.
  getStorageSync: (key: string): unknown => {
    const stored = storage.get(key);
    return stored === undefined ? '' : JSON.parse(stored);
  },
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, JSON.stringify(value));
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
};

/** Forget stored data and every scripted behaviour; call in beforeEach. */
export function resetTaro(): void {
  storage.clear();
  taro.request.mockReset();
  taro.uploadFile.mockReset();
  taro.login.mockReset();
  taro.chooseImage.mockReset();
  taro.navigateTo.mockReset().mockImplementation(() => Promise.resolve());
  taro.redirectTo.mockReset().mockImplementation(() => Promise.resolve());
  taro.navigateBack.mockReset().mockImplementation(() => Promise.resolve());
  taro.reLaunch.mockReset().mockImplementation(() => Promise.resolve());
  taro.switchTab.mockReset().mockImplementation(() => Promise.resolve());
  taro.chooseMedia.mockReset();
  taro.compressImage.mockReset();
  taro.downloadFile.mockReset();
  taro.previewImage.mockReset().mockImplementation(() => Promise.resolve());
  taro.saveImageToPhotosAlbum.mockReset();
  taro.openSetting.mockReset().mockImplementation(() => Promise.resolve({}));
  taro.showModal.mockReset().mockImplementation(() => Promise.resolve({ confirm: true, cancel: false }));
  routerParams = {};
  taro.getAppBaseInfo.mockReset().mockImplementation(() => ({ language: 'zh_CN' }));
  taro.getSystemInfoSync.mockReset().mockImplementation(() => ({ language: 'zh_CN' }));
  taro.onAppHide.mockReset();
  taro.offAppHide.mockReset();
}

type Hook = (options: Record<string, string>) => void;
const onMount = (hook: Hook) => {
  useEffect(() => hook({}), []);
};

export const useLoad = onMount;
export const useLaunch = onMount;
export const useDidShow = onMount;

// Hooks that wait for a person (sharing, scrolling) do nothing until a test calls them itself.
export const useShareAppMessage = jest.fn();
export const useShareTimeline = jest.fn();
export const useReachBottom = jest.fn();
export const usePullDownRefresh = jest.fn();

let routerParams: Record<string, string> = {};
/** The query a page was opened with, for tests of page shells. */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}
export const useRouter = () => ({ params: routerParams, path: '' });

export default taro;
