// The seller's dashboard (today in China, UTC+8) and the CSV pick list: numbers, day boundaries,
// file format (BOM, CRLF, quoting, formula injection, full phones) and who may have them.
import type { Response } from 'supertest';
import { expectError, type Harness } from './harness';
import { bulkProductRequest, createProduct, operator, person, productRequest, publishedProduct, seller, startCatalogHarness, type Seller } from './catalog-fixtures';
import { insertOrder, orderLine, type OrderDetails } from './order-records';
import type { SellerDashboardView } from '../../contract/orders';

let h: Harness;
const realNow = () => new Date();
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterEach(() => {
  h.boot.services.now = realNow;
});
afterAll(() => h.close());

const at = (iso: string) => new Date(iso);
const dashboard = async (s: Seller) => {
  const res = await h.api.get(`/api/v1/shops/${s.shop.id}/dashboard`).set(s.auth);
  expect(res.status).toBe(200);
  return res.body as SellerDashboardView;
};

describe('dashboard', () => {
  it("counts today's orders and takings by China's day, and orders by status", async () => {
    const s = await seller(h);
    const buyer = await person(h);
    const o = (f: OrderDetails) => insertOrder(h, { ...f, shopId: s.shop.id, buyerId: buyer.userId });
    // 20:00 on 28 November in China. China's 28th runs from 2026-11-27T16:00Z to 2026-11-28T16:00Z.
    h.boot.services.now = () => at('2026-11-28T12:00:00Z');
    const a = await o({ status: 'paid', createdAt: at('2026-11-27T16:00:00Z') }); // 00:00 in China: today
    const b = await o({ status: 'paid', createdAt: at('2026-11-28T15:59:00Z') }); // 23:59 in China: today
    await o({ status: 'paid', createdAt: at('2026-11-28T23:30:00Z') }); // 23:30 UTC is tomorrow in China
    const d = await o({ status: 'paid', createdAt: at('2026-11-27T15:59:00Z'), paidAt: at('2026-11-28T01:00:00Z') }); // ordered yesterday, paid today
    await o({ status: 'awaiting_payment', createdAt: at('2026-11-28T10:00:00Z') });
    await o({ status: 'placing', createdAt: at('2026-11-28T10:00:00Z') });
    await o({ status: 'cancelled', createdAt: at('2026-11-28T10:00:00Z'), paidAt: at('2026-11-28T10:05:00Z') }); // paid, then refunded
    await o({ status: 'shipped', createdAt: at('2026-11-20T10:00:00Z'), paidAt: at('2026-11-20T10:00:00Z') });
    const other = await seller(h);
    await insertOrder(h, { shopId: other.shop.id, buyerId: buyer.userId, status: 'paid', createdAt: at('2026-11-28T10:00:00Z') });

    const view = await dashboard(s);
    expect(view.today).toEqual({ date: '2026-11-28', orders: 4, revenueFen: a.totalFen + b.totalFen + d.totalFen });
    expect(view.counts).toEqual({ awaiting_payment: 1, paid: 4, shipped: 1, completed: 0, cancelled: 1 });

    // One minute after midnight in China it is the 29th: only the 23:30 UTC order is today's.
    h.boot.services.now = () => at('2026-11-28T16:01:00Z');
    expect((await dashboard(s)).today).toMatchObject({ date: '2026-11-29', orders: 1 });
  });

  it('lists products on sale at or below the low-stock line, lowest first', async () => {
    const s = await seller(h);
    await publishedProduct(h, s); // 50 and 20 packs: fine
    const low = await publishedProduct(h, s, productRequest(s.photoId, {
      title: '黄豆',
      variants: [
        { name: '1kg', priceFen: 1200, netWeightGrams: 1000, stock: 30 },
        { name: '5kg', priceFen: 5000, netWeightGrams: 5000, stock: 3 },
      ],
    }));
    const bulk = await publishedProduct(h, s, bulkProductRequest(s.photoId, { title: '小米 散装', bulkStockGrams: 40_000 })); // 16 bags, 8 boxes
    await createProduct(h, s, productRequest(s.photoId, { title: '草稿', variants: [{ name: '1kg', priceFen: 1000, netWeightGrams: 1000, stock: 0 }] }));
    const view = await dashboard(s);
    expect(view.lowStock).toEqual([
      { productId: low.id, title: '黄豆', available: 3 },
      { productId: bulk.id, title: '小米 散装', available: 8 },
    ]);
    expect(view.today.orders).toBe(0);
    expect(view.counts).toEqual({ awaiting_payment: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0 });
  });

  it('is for the owner and operators', async () => {
    const s = await seller(h);
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/dashboard`).set((await seller(h)).auth), 404, 'NOT_FOUND');
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/dashboard`).set((await person(h)).auth), 404, 'NOT_FOUND');
    expect((await h.api.get(`/api/v1/shops/${s.shop.id}/dashboard`).set((await operator(h)).auth)).status).toBe(200);
  });
});

/** The body's bytes, untouched (supertest would decode text). */
const bytes = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** RFC 4180, strictly: CRLF between records, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`bad CSV at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
  }
  return rows;
}

describe('pick list', () => {
  let s: Seller;
  const pickList = (query = '', who = s) => h.api.get(`/api/v1/shops/${s.shop.id}/orders/pick-list.csv${query}`).set(who.auth).buffer(true).parse(bytes);
  beforeAll(async () => {
    s = await seller(h, { name: '檀山 "杂粮", 合作社' });
    const buyer = await person(h);
    const o = (f: OrderDetails) => insertOrder(h, { ...f, shopId: s.shop.id, buyerId: buyer.userId });
    await o({
      status: 'paid',
      createdAt: at('2026-11-28T02:00:00Z'),
      address: { name: '李梅', phone: '13912345678', detail: '村口 "老槐树", 左转\n第二家' },
      buyerNote: '=HYPERLINK("http://evil.example")',
      sellerNote: '+1 加急',
      lines: [orderLine('沁州黄小米', '2.5kg', 2), orderLine('黄豆', '1kg', 1, 1000, 1200)],
      weightGrams: 6150,
    });
    await o({ status: 'paid', createdAt: at('2026-11-27T20:00:00Z'), address: { name: '@王五', phone: '13700001111' }, buyerNote: '-2' });
    await o({ status: 'shipped', createdAt: at('2026-11-26T20:00:00Z'), address: { name: '赵六' } });
    await o({ status: 'awaiting_payment', createdAt: at('2026-11-26T20:00:00Z'), address: { name: '未付款' } });
  });

  it('is UTF-8 CSV with a BOM and CRLF, one row per order oldest first, quoted and defused, with full phones', async () => {
    h.boot.services.now = () => at('2026-11-28T12:00:00Z');
    const res = await pickList();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toContain('no-store');
    const raw = res.body as Buffer;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\r(?!\n)/);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['订单号', '下单时间', '收货人', '手机', '省', '市', '区县', '详细地址', '商品', '件数', '重量(kg)', '买家留言', '卖家备注']);
    expect(rows).toHaveLength(3);
    expect(rows[1].slice(1, 4)).toEqual(['2026-11-28 04:00', "'@王五", '13700001111']);
    expect(rows[1][11]).toBe("'-2");
    expect(rows[2].slice(1)).toEqual([
      '2026-11-28 10:00',
      '李梅',
      '13912345678',
      '山西省',
      '长治市',
      '沁县',
      '村口 "老槐树", 左转\n第二家',
      '沁州黄小米 2.5kg×2; 黄豆 1kg×1',
      '3',
      '6.15',
      '\'=HYPERLINK("http://evil.example")',
      "'+1 加急",
    ]);
    // The quoting on the wire, as RFC 4180 writes it.
    expect(text).toContain('"村口 ""老槐树"", 左转\n第二家"');

    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="pick-list-paid-20261128\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('檀山 "杂粮", 合作社-待发货-20261128.csv');
  });

  it('lists shipped orders on request, and refuses other statuses', async () => {
    const rows = parseCsv((((await pickList('?status=shipped')).body as Buffer).toString('utf8')).slice(1));
    expect(rows.slice(1).map((r) => r[2])).toEqual(['赵六']);
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/orders/pick-list.csv?status=cancelled`).set(s.auth), 400, 'VALIDATION_FAILED');
  });

  it('is for the owner and operators only', async () => {
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/orders/pick-list.csv`).set((await seller(h)).auth), 404, 'NOT_FOUND');
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/orders/pick-list.csv`).set((await person(h)).auth), 404, 'NOT_FOUND');
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/orders/pick-list.csv`), 401, 'UNAUTHENTICATED');
    expect((await pickList('', { ...(await operator(h)), shop: s.shop, photoId: s.photoId })).status).toBe(200);
  });
});
