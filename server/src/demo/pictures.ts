// Pictures for the demo shop, drawn here (no download): produce in a bowl on a wooden table, and
// the pack with its label. Drawn as SVG with a seeded random generator, so every start draws the
// same bytes and the content-addressed photos are stored once.
import { renderAsync } from '@resvg/resvg-js';
import { bundledFonts } from '../domain/fonts';
import { escapeXml } from '../domain/text-layout';

const SIZE = 1200;
/** Rendered at this width: enough for the 750 px display copy, and quick to draw at start-up. */
const OUTPUT_WIDTH = 800;

/** mulberry32: a tiny deterministic generator; Math.random would make new photos on every start. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Produce = 'millet' | 'soybean' | 'fungus' | 'walnut' | 'grits' | 'adzuki';

interface Look {
  colors: string[];
  /** One piece of produce at (x, y), drawn with the generator. */
  piece: (x: number, y: number, color: string, rnd: () => number) => string;
  /** Pieces in the bowl. */
  count: number;
}

const rotate = (rnd: () => number, x: number, y: number) => `transform="rotate(${Math.round(rnd() * 360)} ${x.toFixed(1)} ${y.toFixed(1)})"`;

const LOOKS: Record<Produce, Look> = {
  millet: {
    colors: ['#f2c230', '#e9b21d', '#f6d04d', '#dca21a'],
    count: 2600,
    piece: (x, y, c) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${c}" stroke="#c98f12" stroke-width="0.8"/>`,
  },
  grits: {
    colors: ['#f5c542', '#f0b429', '#fadb6b', '#e8a317'],
    count: 1800,
    piece: (x, y, c, rnd) => {
      const s = 6 + rnd() * 6;
      return `<polygon points="${x},${y - s} ${x + s},${y + s * 0.4} ${x - s * 0.7},${y + s * 0.8}" fill="${c}" ${rotate(rnd, x, y)}/>`;
    },
  },
  soybean: {
    colors: ['#e8cf8e', '#dfc27a', '#f0da9f', '#d6b668'],
    count: 520,
    piece: (x, y, c, rnd) =>
      `<ellipse cx="${x}" cy="${y}" rx="19" ry="16" fill="${c}" stroke="#b8954a" stroke-width="1.5" ${rotate(rnd, x, y)}/>` +
      `<ellipse cx="${x + 4}" cy="${y}" rx="5" ry="2" fill="#a7823e" ${rotate(rnd, x, y)}/>`,
  },
  adzuki: {
    colors: ['#8e1f2a', '#7a1822', '#a12a33', '#6d141d'],
    count: 760,
    piece: (x, y, c, rnd) =>
      `<ellipse cx="${x}" cy="${y}" rx="15" ry="11" fill="${c}" ${rotate(rnd, x, y)}/>` +
      `<ellipse cx="${x - 4}" cy="${y - 4}" rx="4" ry="2" fill="#ffffff" fill-opacity="0.35"/>`,
  },
  walnut: {
    colors: ['#b8864b', '#a87740', '#c59660', '#9c6b35'],
    count: 70,
    piece: (x, y, c, rnd) => {
      const r = 52 + rnd() * 10;
      const wrinkles = Array.from({ length: 5 }, () => {
        const a = rnd() * Math.PI * 2;
        const d = rnd() * r * 0.6;
        const x1 = x + Math.cos(a) * d;
        const y1 = y + Math.sin(a) * d;
        return `<path d="M${x1.toFixed(1)} ${y1.toFixed(1)} q ${(rnd() * 30 - 15).toFixed(1)} ${(rnd() * 30 - 15).toFixed(1)} ${(rnd() * 40 - 20).toFixed(1)} ${(rnd() * 40 - 20).toFixed(1)}" stroke="#7a4f22" stroke-width="4" fill="none" stroke-linecap="round"/>`;
      }).join('');
      return `<circle cx="${x}" cy="${y}" r="${r.toFixed(1)}" fill="${c}" stroke="#7a4f22" stroke-width="3"/>${wrinkles}`;
    },
  },
  fungus: {
    colors: ['#2b2320', '#3a2f2a', '#221b18', '#473a33'],
    count: 120,
    piece: (x, y, c, rnd) => {
      const r = 34 + rnd() * 22;
      const lobes = 7;
      let d = '';
      for (let i = 0; i <= lobes; i += 1) {
        const a = (i / lobes) * Math.PI * 2;
        const rr = r * (0.7 + rnd() * 0.4);
        const px = x + Math.cos(a) * rr;
        const py = y + Math.sin(a) * rr;
        d += i === 0 ? `M${px.toFixed(1)} ${py.toFixed(1)}` : ` Q${(x + Math.cos(a - 0.45) * rr * 1.25).toFixed(1)} ${(y + Math.sin(a - 0.45) * rr * 1.25).toFixed(1)} ${px.toFixed(1)} ${py.toFixed(1)}`;
      }
      return `<path d="${d}Z" fill="${c}" stroke="#5b4a40" stroke-width="2"/>`;
    },
  },
};

function table(rnd: () => number): string {
  const grain = Array.from({ length: 26 }, (_, i) => {
    const y = i * 48 + rnd() * 20;
    return `<path d="M0 ${y.toFixed(0)} C 300 ${(y + rnd() * 30 - 15).toFixed(0)}, 900 ${(y + rnd() * 30 - 15).toFixed(0)}, 1200 ${(y + rnd() * 20).toFixed(0)}" stroke="#6b4424" stroke-opacity="0.18" stroke-width="${(2 + rnd() * 4).toFixed(1)}" fill="none"/>`;
  }).join('');
  return `<rect width="${SIZE}" height="${SIZE}" fill="url(#wood)"/>${grain}`;
}

const defs = `<defs>
<linearGradient id="wood" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#a8744a"/><stop offset="1" stop-color="#8a5a34"/></linearGradient>
<radialGradient id="bowl" cx="0.5" cy="0.45" r="0.6"><stop offset="0" stop-color="#fbf7ef"/><stop offset="1" stop-color="#d9d0c0"/></radialGradient>
<radialGradient id="light" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#ffffff" stop-opacity="0.25"/><stop offset="1" stop-color="#000000" stop-opacity="0.25"/></radialGradient>
</defs>`;

/** The produce heaped in a white bowl, a few pieces spilled on the table. */
export function produceSvg(kind: Produce, seed: number): string {
  const rnd = seeded(seed);
  const look = LOOKS[kind];
  const pick = () => look.colors[Math.floor(rnd() * look.colors.length)];
  const pieces: string[] = [];
  for (let i = 0; i < look.count; i += 1) {
    // Uniform in the bowl's opening (an ellipse), denser toward the middle like a heap.
    const a = rnd() * Math.PI * 2;
    const d = Math.sqrt(rnd()) * 0.95;
    pieces.push(look.piece(Math.round(600 + Math.cos(a) * d * 380), Math.round(560 + Math.sin(a) * d * 250), pick(), rnd));
  }
  const spilled = Array.from({ length: Math.max(6, Math.round(look.count / 60)) }, () => {
    const x = Math.round(80 + rnd() * 1040);
    const y = Math.round(rnd() < 0.5 ? 60 + rnd() * 160 : 980 + rnd() * 180);
    return look.piece(x, y, pick(), rnd);
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">${defs}${table(rnd)}${spilled}
<ellipse cx="615" cy="700" rx="470" ry="300" fill="#000" fill-opacity="0.25"/>
<path d="M150 560 Q 170 930 600 950 Q 1030 930 1050 560 Z" fill="url(#bowl)" stroke="#c9bfae" stroke-width="4"/>
<ellipse cx="600" cy="560" rx="450" ry="290" fill="#efe8da" stroke="#c9bfae" stroke-width="6"/>
${pieces.join('')}
<rect width="${SIZE}" height="${SIZE}" fill="url(#light)"/></svg>`;
}

/** A kraft-paper pack with a printed label: the product's name, net weight and the shop. */
export function packSvg(name: string, weight: string, shop: string, accent: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="Noto Sans SC">${defs}
<rect width="${SIZE}" height="${SIZE}" fill="#f3efe6"/>
<ellipse cx="600" cy="1080" rx="380" ry="50" fill="#000" fill-opacity="0.15"/>
<path d="M280 220 L920 220 L960 1070 L240 1070 Z" fill="#c8a77a" stroke="#a98a5e" stroke-width="4"/>
<path d="M280 220 L320 150 L880 150 L920 220 Z" fill="#b8966a"/>
<rect x="330" y="430" width="540" height="420" rx="24" fill="#fffaf0" stroke="${accent}" stroke-width="8"/>
<rect x="330" y="430" width="540" height="90" rx="24" fill="${accent}"/>
<text x="600" y="492" font-size="44" font-weight="700" fill="#ffffff" text-anchor="middle">农家直供</text>
<text x="600" y="640" font-size="84" font-weight="700" fill="#2b2b2b" text-anchor="middle">${escapeXml(name)}</text>
<text x="600" y="730" font-size="40" fill="#555555" text-anchor="middle">净含量 ${escapeXml(weight)}</text>
<text x="600" y="805" font-size="30" fill="#777777" text-anchor="middle">${escapeXml(shop)}</text>
<rect width="${SIZE}" height="${SIZE}" fill="url(#light)" fill-opacity="0.5"/></svg>`;
}

export async function drawPicture(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, { font: bundledFonts(), fitTo: { mode: 'width', value: OUTPUT_WIDTH } })).asPng();
}
