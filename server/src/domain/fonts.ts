// The fonts drawn images use (posters, demo pictures): Noto Sans SC regular and bold from npm,
// never system fonts, so Chinese renders the same on every machine, even one without CJK fonts.
import path from 'node:path';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

export const FONT_FAMILY = 'Noto Sans SC';

// Resolved once. resvg 2.6 takes font files by path only (no buffers); after the first render the
// OS keeps the two files in its page cache.
let files: string[] | null = null;

export function bundledFonts(): NonNullable<ResvgRenderOptions['font']> {
  if (!files) {
    const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    files = [path.join(dir, '400Regular/NotoSansSC_400Regular.ttf'), path.join(dir, '700Bold/NotoSansSC_700Bold.ttf')];
  }
  return { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
}
