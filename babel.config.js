// Babel for the Taro build (mini-program and H5): Taro's preset with React and TypeScript.
// Jest uses ts-jest instead, so this file only matters to `taro build`.
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }],
  ],
};
