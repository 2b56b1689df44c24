// Ambient types for the mini-program: Taro's API, asset imports, and build-time environment.
/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform a build targets; replaced at build time so the other branch drops out. */
    TARO_ENV?: 'weapp' | 'h5';
    /** API origin for the weapp build (H5 uses its own origin). */
    TARO_APP_API_BASE?: string;
    /** WeChat appid written into dist/weapp/project.config.json. */
    TARO_APP_WECHAT_APPID?: string;
  }
}
