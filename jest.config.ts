// One jest run, five projects: each mirrors a part of the tree (see README "Tests").
import type { Config } from 'jest';

const tsTransform = {
  '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: { jsx: 'react-jsx', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
} as const;

const node = (name: string, extra: Partial<Config> = {}): Config => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: tsTransform as unknown as Config['transform'],
  ...extra,
});

const config: Config = {
  // jest reads testTimeout only here; suites that need longer (builds, browsers) set their own.
  testTimeout: 60_000,
  projects: [
    node('embedded-mongo'),
    node('server'),
    node('miniprogram', {
      testEnvironment: 'jsdom',
      // Taro's runtime needs a mini-program host; tests use small hand-written stand-ins.
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/miniprogram/stubs/taro.ts',
        '^@tarojs/components$': '<rootDir>/test/miniprogram/stubs/components.tsx',
        '\\.(scss|css)$': '<rootDir>/test/miniprogram/stubs/style.ts',
        '\\.png$': '<rootDir>/test/miniprogram/stubs/file.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/test/miniprogram/setup.ts'],
    }),
    // Builds dist/weapp when stale (about 20 s cold on 2 cores), then checks it with WeChat's compilers;
    // its tests set their own timeouts (jest reads testTimeout only at the top level).
    node('weapp'),
    node('e2e'),
  ],
};

export default config;
