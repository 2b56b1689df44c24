// Watch-mode builds: readable output, and the H5 dev server forwards API calls to the local server.
import type { UserConfigExport } from '@tarojs/cli';

const apiServer = process.env.TARO_APP_API_BASE || 'http://localhost:3000';

export default {
  logger: { quiet: false, stats: true },
  // Taro's dependency prebundling crashes the H5 dev server here (enhanced-resolve and
  // webpack-virtual-modules versions disagree); builds are fast enough without it.
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  mini: {},
  h5: {
    devServer: {
      port: 10086,
      historyApiFallback: true,
      proxy: [{ context: ['/api', '/wechat-sim'], target: apiServer, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
