// A small hand-written stand-in for @tarojs/taro in jsdom: storage in a Map, the network and
// WeChat calls as jest mocks that each test scripts, and page hooks mapped onto React effects.
import { useEffect } from 'react';

const storage = new Map<string, string>();

export const taro = {
  request: jest.fn(),
  uploadFile: jest.fn(),
  login: jest.fn(),
  chooseImage: jest.fn(),
  navigateTo: jest.fn(),
  setTabBarItem: jest.fn(() => Promise.resolve()),
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
  getAppBaseInfo: jest.fn(() => ({ language: 'zh_CN' })),
  getSystemInfoSync: jest.fn(() => ({ language: 'zh_CN' })),
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
  taro.navigateTo.mockReset();
  taro.getAppBaseInfo.mockReset().mockImplementation(() => ({ language: 'zh_CN' }));
  taro.getSystemInfoSync.mockReset().mockImplementation(() => ({ language: 'zh_CN' }));
}

type Hook = (options: Record<string, string>) => void;
const onMount = (hook: Hook) => {
  useEffect(() => hook({}), []);
};

export const useLoad = onMount;
export const useLaunch = onMount;
export const useDidShow = onMount;

export default taro;
