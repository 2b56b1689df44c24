// Taro build configuration for the mini-program (weapp) and its browser twin (h5).
// `@tarojs/cli` is imported for its types only: a runtime import would load its native binding.
import path from 'node:path';
import type { UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

type Merge = (...configs: UserConfigExport<'webpack5'>[]) => UserConfigExport<'webpack5'>;

const appRoot = path.resolve(__dirname, '..');
const sourceRoot = 'miniprogram/src';
const platform = process.env.TARO_ENV ?? 'weapp';

// Taro reads the appid for dist/project.config.json from TARO_APP_ID; ours is named after WeChat.
if (process.env.TARO_APP_WECHAT_APPID && !process.env.TARO_APP_ID) {
  process.env.TARO_APP_ID = process.env.TARO_APP_WECHAT_APPID;
}

/** Where the weapp build sends API calls; the H5 build always uses its own origin. */
const apiBase = process.env.TARO_APP_API_BASE || 'http://localhost:3000';

// The API contract lives outside sourceRoot; Taro compiles only sourceRoot unless told.
const contractDir = path.join(appRoot, 'contract');

// Taro's default cache key files point at `src/app.config`, which does not exist with our
// sourceRoot; a missing build dependency silently stops webpack from storing its cache.
const cache = {
  enable: true,
  buildDependencies: {
    config: ['index.ts', 'dev.ts', 'prod.ts'].map((file) => path.join(appRoot, 'config', file)).concat(path.join(appRoot, 'babel.config.js')),
    files: [path.join(appRoot, sourceRoot, 'app.config.ts')],
  },
};

export default async function config(merge: Merge): Promise<UserConfigExport<'webpack5'>> {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cunshop',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot,
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache,
    mini: {
      compile: { include: [contractDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        replaceCacheDependencies(chain);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [contractDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      imageUrlLoaderOption: { limit: 2048, name: 'static/images/[name].[contenthash:8].[ext]' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        replaceCacheDependencies(chain);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
}

interface CacheChain {
  get(key: 'cache'): unknown;
  set(key: 'cache', value: unknown): unknown;
}

/**
 * Taro concatenates our cache dependency lists onto its defaults, which name `src/app.config`;
 * replace them so the cache depends only on files that exist.
 */
function replaceCacheDependencies(chain: unknown): void {
  const c = chain as CacheChain;
  const current = c.get('cache');
  if (!current || typeof current !== 'object') return;
  c.set('cache', { ...current, buildDependencies: cache.buildDependencies });
}
