// Laying out Chinese (and mixed) text for drawn images such as the poster: width estimates per
// character class, line wrapping that keeps Latin words whole and never starts a line with
// closing punctuation, and an ellipsis when the text needs more lines than it may have.

/** Estimated advance in em. Noto Sans SC: CJK and full-width forms are 1 em; Latin is narrower. */
function advance(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x20 || ch === '.' || ch === ',') return 0.28;
  if (cp < 0x80) return /[0-9]/.test(ch) ? 0.58 : /[A-Z]/.test(ch) ? 0.64 : /[a-z]/.test(ch) ? 0.56 : 0.4;
  if (cp === 0xa5 /* ¥ */) return 0.62;
  return 1;
}

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * fontSize;
}

/** Characters that must not begin a line (kinsoku): they stay with the line before. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉…—’”%,.;:!?)]}']);

/** Latin words and numbers (e.g. "2.5kg", "Noto") are kept whole; every other character is its own token. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9.\-'%]*|\s+|./gsu) ?? [];
}

/**
 * Lines of at most `maxWidth` pixels, at most `maxLines` of them; the last line ends in "…"
 * when the text did not fit.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const token of tokens(clean)) {
    if (line === '' && token.trim() === '') continue; // no leading spaces
    if (textWidth(line + token, fontSize) <= maxWidth || (line !== '' && NO_LINE_START.has(token))) {
      line += token;
      continue;
    }
    if (line !== '') {
      // Sellers separate a title's phrases with spaces ("沁州黄小米 2026年新米 农家谷子现碾"): when
      // the line holds a space in its second half, break there and carry the phrase over whole.
      const cut = line.trimEnd().lastIndexOf(' ');
      const carried = cut > line.length / 2 ? line.slice(cut + 1) : '';
      if (carried) line = line.slice(0, cut);
      push();
      if (carried && textWidth(carried + token, fontSize) <= maxWidth) {
        line = carried + token;
        continue;
      }
      if (carried) {
        line = carried;
        push();
      }
    }
    if (token.trim() === '') continue;
    if (textWidth(token, fontSize) <= maxWidth) {
      line = token;
      continue;
    }
    // A Latin run wider than a whole line: break it between characters.
    for (const ch of token) {
      if (line !== '' && textWidth(line + ch, fontSize) > maxWidth) push();
      line += ch;
    }
  }
  if (line !== '') push();
  if (lines.length <= maxLines) return lines;

  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last.length > 0 && textWidth(`${last}…`, fontSize) > maxWidth) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** Text for SVG/XML content and attribute values; characters XML cannot hold at all are dropped. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
