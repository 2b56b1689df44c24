// The listing poster: a PNG with the product, its prices, the shop, and a mini-program code whose
// scene resolves back to the product; Chinese text drawn with the bundled font.
import sharp from 'sharp';
import { Resvg } from '@resvg/resvg-js';
import { startHarness, expectError, type Harness } from './harness';
import { readQr } from './images';
import { makeProduct, makeShop, person, uploadPhoto, type Person } from './media-fixtures';
import { parseSimulatedWxaCode } from '../../server/src/wechat/simulator/wxacode';
import { POSTER, POSTER_LAYOUT, renderPoster } from '../../server/src/domain/poster';
import { yuan } from '../../server/src/domain/units-text';
import { wrapText, escapeXml } from '../../server/src/domain/text-layout';
import { pages } from '../../contract/paths';
import type { ShopDoc } from '../../server/src/models/shop';
import type { ProductDoc } from '../../server/src/models/product';

let h: Harness;
let owner: Person;
let shop: ShopDoc;
let product: ProductDoc;
beforeAll(async () => {
  h = await startHarness();
  owner = await person(h, ['seller']);
  shop = await makeShop(h, owner.id);
  product = await makeProduct(h, shop, { photoIds: [await uploadPhoto(h, owner, 1200, 900)] });
});
afterAll(() => h.close());

const posterUrl = (id: string) => `/api/v1/listings/${id}/poster`;
const getPoster = (who: Person | null, id = String(product._id)) => {
  const req = h.api.get(posterUrl(id)).buffer(true);
  return who ? req.set(who.auth) : req;
};

async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return [data[i], data[i + 1], data[i + 2]];
  };
  return { data, info, at };
}

/** Dark pixels (text) in a box of a rendered image, and the box's raw pixels for comparisons. */
async function inkIn(png: Buffer, box: { x: number; y: number; width: number; height: number }) {
  const { data } = await sharp(png).extract({ left: box.x, top: box.y, width: box.width, height: box.height }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (const v of data) if (v < 128) ink += 1;
  return { ink, pixels: data };
}

const differingPixels = (a: Buffer, b: Buffer) => a.reduce((n, v, i) => n + (Math.abs(v - b[i]) > 64 ? 1 : 0), 0);

it("draws the owner's poster: size, photo, and a code whose scene opens the product", async () => {
  const started = Date.now();
  const res = await getPoster(owner);
  const ms = Date.now() - started;
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');
  expect(res.headers['cache-control']).toBe('private, max-age=300');
  expect(res.headers.etag).toMatch(/^"poster-[A-Za-z0-9_-]+"$/);
  const png = res.body as Buffer;
  const meta = await sharp(png).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', POSTER.width, POSTER.height]);

  // The product photo fills the top: its blue top-left block is there.
  const { at } = await rgba(png);
  const [r, g, b] = at(20, 20);
  expect(b).toBeGreaterThan(150);
  expect(r + g).toBeLessThan(150);

  const text = await readQr(png);
  expect(text).not.toBeNull();
  const code = parseSimulatedWxaCode(text!);
  expect(code).toMatchObject({ page: pages.product, envVersion: 'release' });
  const scene = await h.api.get(`/api/v1/scenes/${code!.scene}`);
  expect(scene.body).toEqual({ scene: code!.scene, productId: String(product._id), shopId: String(shop._id), sharerId: owner.id });
  expect(ms).toBeLessThan(5000);
});

it('is cheap to fetch again (ETag), and changes when the product does without asking WeChat for a new code', async () => {
  const first = await getPoster(owner);
  const again = await h.api.get(posterUrl(String(product._id))).set(owner.auth).set('If-None-Match', first.headers.etag);
  expect(again.status).toBe(304);
  const codesBefore = h.simulator.state.wxacodes.issued;
  await h.boot.services.models.Product.updateOne({ _id: product._id }, { $set: { title: '沁州黄小米 今年新米' }, $inc: { version: 1 } });
  const changed = await h.api.get(posterUrl(String(product._id))).set(owner.auth).set('If-None-Match', first.headers.etag).buffer(true);
  expect(changed.status).toBe(200);
  expect(changed.headers.etag).not.toBe(first.headers.etag);
  // Same sharer, same product: the same scene, and its code comes from storage, not WeChat.
  expect(h.simulator.state.wxacodes.issued).toBe(codesBefore);
  // WeChat busy right now: a poster for a scene it already drew still renders.
  h.simulator.state.wxacodes.failNext = 45009;
  await h.boot.services.models.Product.updateOne({ _id: product._id }, { $set: { title: '沁州黄小米 新米上市' }, $inc: { version: 1 } });
  expect((await h.api.get(posterUrl(String(product._id))).set(owner.auth)).status).toBe(200);
  h.simulator.state.wxacodes.failNext = null;
  expect(parseSimulatedWxaCode((await readQr(changed.body as Buffer))!)!.scene).toBe(parseSimulatedWxaCode((await readQr(first.body as Buffer))!)!.scene);
});

describe('who may have a poster', () => {
  it('anonymous 401, a buyer 404, another seller 404, an operator 200 (with their own scene)', async () => {
    expectError(await getPoster(null), 401, 'UNAUTHENTICATED');
    expectError(await getPoster(await person(h)), 404, 'NOT_FOUND');
    const otherSeller = await person(h, ['seller']);
    await makeShop(h, otherSeller.id, { name: '别人的店' });
    expectError(await getPoster(otherSeller), 404, 'NOT_FOUND');
    const operator = await person(h, ['operator']);
    const res = await getPoster(operator);
    expect(res.status).toBe(200);
    const scene = parseSimulatedWxaCode((await readQr(res.body as Buffer))!)!.scene;
    expect((await h.api.get(`/api/v1/scenes/${scene}`)).body.sharerId).toBe(operator.id);
  });

  it('only for products on sale, in shops not suspended; 400 for malformed ids', async () => {
    for (const status of ['draft', 'off_shelf'] as const) {
      const p = await makeProduct(h, shop, { status });
      expectError(await getPoster(owner, String(p._id)), 404, 'NOT_FOUND');
    }
    expectError(await getPoster(owner, 'f'.repeat(24)), 404, 'NOT_FOUND');
    expectError(await getPoster(owner, 'not-an-id'), 400, 'VALIDATION_FAILED');
    expectError(await getPoster(owner, '{"$gt":""}'), 400, 'VALIDATION_FAILED');

    const suspendedOwner = await person(h, ['seller']);
    const suspended = await makeShop(h, suspendedOwner.id, { name: '被暂停的店', suspended: true });
    const p = await makeProduct(h, suspended);
    expectError(await getPoster(suspendedOwner, String(p._id)), 403, 'SHOP_SUSPENDED');
  });

  it('draws a product without photos or origin too', async () => {
    const p = await makeProduct(h, shop, { photoIds: [], withOrigin: false, title: 'A & B <特价> "新米"' });
    const res = await getPoster(owner, String(p._id));
    expect(res.status).toBe(200);
    expect(await readQr(res.body as Buffer)).not.toBeNull();
  });
});

describe('Chinese text', () => {
  const content = async (title: string) => ({
    title,
    priceFen: 3800,
    packName: '2.5kg 袋装',
    netWeightGrams: 2500,
    shopName: '沁县南泉杂粮合作社',
    origin: '山西省长治市沁县 南泉村',
    photo: null,
    code: await sharp({ create: { width: 430, height: 430, channels: 3, background: '#ffffff' } }).png().toBuffer(),
  });
  const titleBox = { x: POSTER_LAYOUT.title.x, y: POSTER_LAYOUT.title.y, width: POSTER_LAYOUT.title.width, height: POSTER_LAYOUT.title.height };

  it('renders real glyphs: ink in the title area, and different characters look different (no tofu)', async () => {
    const millet = await inkIn(await renderPoster(await content('小米小米小米')), titleBox);
    const beans = await inkIn(await renderPoster(await content('黄豆黄豆黄豆')), titleBox);
    const area = titleBox.width * titleBox.height;
    // Six bold 40 px characters cover a few percent of the box: far from blank.
    expect(millet.ink).toBeGreaterThan(area * 0.01);
    expect(beans.ink).toBeGreaterThan(area * 0.01);
    // Missing glyphs would all be the same box: these two titles must differ in many pixels.
    expect(differingPixels(millet.pixels, beans.pixels)).toBeGreaterThan(1000);
  });

  it('(the check above has teeth: without the font, the same text leaves no ink)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><rect width="300" height="80" fill="#fff"/><text x="10" y="55" font-size="40" font-family="Noto Sans SC">小米小米</text></svg>`;
    const bare = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
    expect((await inkIn(bare, { x: 0, y: 0, width: 300, height: 80 })).ink).toBe(0);
  });

  it('wraps titles over two lines with an ellipsis, keeps Latin words whole, escapes XML', () => {
    const lines = wrapText('沁州黄小米 新米 农家自种 熬粥香浓有米油，山西长治沁县特产 2.5kg 真空包装 送礼自用', 40, 670, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(wrapText('小米小米小米 2.5kg', 40, 280, 3)).toEqual(['小米小米小米', '2.5kg']); // never "2." | "5kg"
    expect(wrapText('短标题', 40, 670, 2)).toEqual(['短标题']);
    // A phrase after a space moves to the next line whole rather than splitting "现|碾".
    expect(wrapText('沁州黄小米 2026年新米 农家谷子现碾', 40, 670, 2)).toEqual(['沁州黄小米 2026年新米', '农家谷子现碾']);
    expect(wrapText('沁州黄小米 2026年新米 农家谷子现碾', 40, 2000, 2)).toEqual(['沁州黄小米 2026年新米 农家谷子现碾']);
    expect(wrapText('小米，', 40, 80, 3)).toEqual(['小米，']); // punctuation never starts a line
    expect(wrapText('Organic millet', 40, 200, 3)).toEqual(['Organic', 'millet']);
    expect(escapeXml('A & B <c> "d" \'e\'\u0001')).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    expect(yuan(3800)).toBe('¥38.00');
    expect(yuan(5)).toBe('¥0.05');
  });
});
