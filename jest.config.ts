// One jest run, five projects: each mirrors a part of the tree (see README "Tests").
import type { Config } from 'jest';

const tsTransform = {
  '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: { jsx: 'react-jsx', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true }, isolatedModules: true, diagnostics: false }],
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
  testTimeout: 30_000,
  projects: [
    node('embedded-mongo', { testTimeout: 120_000 }),
    node('server'),
    node('miniprogram', { testEnvironment: 'jsdom' }),
    node('weapp', { testTimeout: 600_000 }),
    node('e2e', { testTimeout: 600_000 }),
  ],
};

export default config;
