// In Chromium, on the H5 build served by the real server, whose WeChat simulator plays WeChat Pay
// with the development keys it generated in the data folder: a buyer pays at checkout through the
// simulator's pay sheet (standing in for WeChat's) and sees the order paid, which only WeChat
// Pay's signed notification can do; the seller packs it 400 g short, records the weight when
// shipping, and the buyer sees the difference refunded. Screenshots land in test-results/screenshots.
import type { Page } from 'playwright-core';
import { SIMULATOR_PREFIX } from '../../contract/paths';
import type { OrderPage, OrderView } from '../../contract/orders';
import type { ProductView } from '../../contract/products';
import { weightRefundFen } from '../../contract/packed-weight';
import { screenshot } from '../support/browser';
import { describeE2E, useE2EWorld } from '../support/e2e';
import { field, confirmPicker, answerYes } from '../support/h5-page';
import { apiAt, openMilletShop, type Api, type MilletShop } from '../support/e2e-shop';

jest.setTimeout(240_000);

/** A WeChat Pay order of `quantity` bags placed over HTTP by the simulator's buyer. */
const wechatOrderOverHttp = (api: Api, shop: MilletShop, quantity: number) =>
  api<OrderView>(shop.buyerToken, 'POST', '/orders', {
    shopId: shop.shop.id,
    lines: [{ productId: shop.product.id, variantId: shop.product.variants[0].id, quantity }],
    address: { name: '王建国', phone: '13712345678', regionCode: '110105', detail: '和平里街道 12 号楼 3 单元' },
    paymentMethod: 'wechat',
  }, 201);

/** …and paid: the prepay made, the simulator playing the buyer paying, its notification taken. */
async function paidOverHttp(base: string, api: Api, shop: MilletShop, quantity: number): Promise<OrderView> {
  const order = await wechatOrderOverHttp(api, shop, quantity);
  await api(shop.buyerToken, 'POST', `/orders/${order.id}/pay`);
  const paid = await fetch(new URL(`${SIMULATOR_PREFIX}/dev/pay`, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ out_trade_no: order.orderNo.replace('-', '') }) });
  expect(paid.status).toBe(200);
  const now = await orderWhen(api, shop.buyerToken, order.id, (o) => o.status === 'paid');
  expect(now.status).toBe('paid');
  return now;
}

/** Polls the order over HTTP until `ready` holds (WeChat Pay's notifications arrive on their own time). */
async function orderWhen(api: Api, token: string, id: string, ready: (o: OrderView) => boolean): Promise<OrderView> {
  const until = Date.now() + 20_000;
  for (;;) {
    const order = await api<OrderView>(token, 'GET', `/orders/${id}`);
    if (ready(order) || Date.now() > until) return order;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeE2E('WeChat Pay in the H5 build', () => {
  const world = useE2EWorld({ DEMO_DATA: 'off' });
  const open = (page: Page, route: string) => world.open(page, route);
  let api: Api;
  let shop: MilletShop;

  beforeAll(async () => {
    api = apiAt(world.base);
    shop = await openMilletShop(world.base);
  });

  it('a buyer pays with WeChat Pay through the pay sheet; the seller ships 400 g short and the buyer sees the difference refunded', async () => {
    // ——— Checkout: two 2.5 kg bags, a typed address, WeChat Pay (the default where the shop takes it) ———
    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/product/index?id=${shop.product.id}`);
    await buyer.page.getByText('沁州黄小米 新米').first().waitFor();
    await buyer.page.locator('.stepper__plus').first().tap();
    await buyer.page.locator('.buy-now').first().tap();
    await field(buyer.page, '收货人').waitFor();
    await field(buyer.page, '收货人').fill('王建国');
    await field(buyer.page, '手机号').fill('13712345678');
    for (const level of ['选择省份', '选择城市', '选择区县']) {
      await buyer.page.getByText(level).tap();
      await confirmPicker(buyer.page);
    }
    await field(buyer.page, '详细地址').fill('和平里街道 12 号楼 3 单元');
    await buyer.page.getByText('¥92.00').first().waitFor(); // ¥76 of millet, ¥16 shipping for 5 kg
    await buyer.page.getByText('微信支付 ¥92.00').first().waitFor();
    await screenshot(buyer.page, 'pay-checkout');
    await buyer.page.locator('.checkout-submit').tap();

    // ——— The simulator's pay sheet: what WeChat's shows, and the buyer pays ———
    const sheet = buyer.page.getByTestId('sim-pay-sheet');
    await sheet.waitFor();
    // The sheet fills in once it has asked the simulator what is being paid.
    await buyer.page.getByTestId('sim-pay-amount').filter({ hasText: '92.00' }).waitFor();
    await buyer.page.getByTestId('sim-pay-description').filter({ hasText: '沁州黄小米' }).waitFor();
    await screenshot(buyer.page, 'pay-sheet');
    const placed = (await api<OrderPage>(shop.buyerToken, 'GET', '/me/orders')).items;
    expect(placed).toHaveLength(1);
    const orderId = placed[0].id;
    // The order exists, stock taken, before any money moved: a dropped network now loses nothing.
    expect(placed[0]).toMatchObject({ status: 'awaiting_payment', totalFen: 9200 });
    await buyer.page.getByTestId('sim-pay-confirm').click();

    // ——— Paid: the order page says so once WeChat Pay's notification (or the server's query) is in ———
    await buyer.page.getByText('已付款 ¥92.00（微信支付）').first().waitFor({ timeout: 20_000 });
    await screenshot(buyer.page, 'pay-order-paid');
    const paid = await api<OrderView>(shop.buyerToken, 'GET', `/orders/${orderId}`);
    expect(paid).toMatchObject({ status: 'paid', paymentMethod: 'wechat', money: { payment: 'paid', paidFen: 9200, refundableFen: 9200, refunds: [] } });
    expect(paid.money.transactionId).toMatch(/^\d{28}$/);
    expect(paid.timeline.map((e) => [e.event, e.actor])).toEqual([['placed', 'buyer'], ['paid', 'system']]);

    // ——— The seller weighs: 4.6 kg packed of the 5 kg ordered, and ships ———
    const seller = await world.phoneAs('seller');
    await open(seller.page, `/subpackages/seller/pages/order/index?id=${orderId}`);
    await seller.page.locator('.seller-order-ship').tap();
    await seller.page.locator('.parcel-tracking input').fill('SF1234567890');
    await seller.page.locator('.packed-weights__toggle').tap();
    await seller.page.locator('.packed-weights__input input').first().fill('4.6');
    const expected = weightRefundFen({ lineFen: 7600, netWeightGrams: 2500, quantity: 2 }, 4600);
    expect(expected).toBe(608); // ¥76 × 400 g ÷ 5000 g
    await seller.page.getByText('将退还买家 ¥6.08（称重差价）').waitFor();
    await screenshot(seller.page, 'pay-seller-weigh');
    await seller.page.locator('.ship-submit').tap();
    await seller.page.getByText('SF1234567890').first().waitFor();
    await screenshot(seller.page, 'pay-seller-shipped');

    // ——— The buyer sees the weight refund, and then that it came back ———
    const refunded = await orderWhen(api, shop.buyerToken, orderId, (o) => o.money.refunds[0]?.status === 'success');
    expect(refunded).toMatchObject({
      status: 'shipped',
      money: { paidFen: 9200, refundedFen: 608, refundableFen: 8592, refunds: [{ kind: 'weight', amountFen: 608, status: 'success', channel: 'wechat' }] },
      lines: [{ packedGrams: 4600 }],
    });
    expect(refunded.timeline.map((e) => e.event)).toEqual(['placed', 'paid', 'shipped', 'refund_started', 'refunded']);
    await open(buyer.page, `/pages/order/index?id=${orderId}`);
    await buyer.page.getByText('称重差价退款').first().waitFor();
    await buyer.page.getByText('¥6.08').first().waitFor();
    await buyer.page.getByText('已退款').first().waitFor();
    await buyer.page.getByText('实发 4.6 kg（订 5 kg）').first().waitFor();
    await screenshot(buyer.page, 'pay-buyer-refunded');

    // WeChat holds the money until it knows the order shipped: the server told it.
    const uploads = (await fetch(new URL(`${SIMULATOR_PREFIX}/dev/shipping-info`, world.base)).then((r) => r.json())) as { items: { transactionId: string; request: { shipping_list: { tracking_no: string; express_company: string }[] } }[] };
    expect(uploads.items).toEqual([expect.objectContaining({ transactionId: paid.money.transactionId })]);
    expect(uploads.items[0].request.shipping_list).toEqual([expect.objectContaining({ tracking_no: 'SF1234567890', express_company: 'SF' })]);
    // Two bags left the shelf, once.
    expect((await api<ProductView>(shop.sellerToken, 'GET', `/listings/${shop.product.id}`)).variants[0].stock).toBe(48);

    expect(buyer.problems).toEqual([]);
    expect(seller.problems).toEqual([]);
  });

  it('a buyer asks for part of the money back from the order page; the seller agrees on theirs; the buyer sees it refunded', async () => {
    const order = await paidOverHttp(world.base, api, shop, 2);
    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/order/index?id=${order.id}`);
    await buyer.page.locator('.order-refund').tap();
    await field(buyer.page, '退多少钱（元）').fill('10.5');
    await buyer.page.getByText('商品有问题', { exact: true }).tap();
    await screenshot(buyer.page, 'pay-buyer-refund-sheet');
    await buyer.page.locator('.refund-submit').tap();
    await buyer.page.getByText('你申请退款 ¥10.50，等待卖家处理').first().waitFor();
    expect((await api<OrderView>(shop.buyerToken, 'GET', `/orders/${order.id}`)).money.refundRequest).toMatchObject({ amountFen: 1050, reason: '商品有问题', status: 'open' });

    const seller = await world.phoneAs('seller');
    await open(seller.page, `/subpackages/seller/pages/order/index?id=${order.id}`);
    await seller.page.getByText('申请退 ¥10.50').waitFor();
    await screenshot(seller.page, 'pay-seller-refund-request');
    await seller.page.locator('.refund-approve').tap();
    await answerYes(seller.page);
    await seller.page.getByText('已同意退款，¥10.50 会退回买家').first().waitFor();

    const refunded = await orderWhen(api, shop.buyerToken, order.id, (o) => o.money.refunds[0]?.status === 'success');
    expect(refunded).toMatchObject({
      status: 'paid', // part of it back: still to be shipped
      money: { paidFen: order.totalFen, refundedFen: 1050, refundableFen: order.totalFen - 1050, refundRequest: { status: 'approved' }, refunds: [{ kind: 'requested', amountFen: 1050, status: 'success' }] },
    });
    await open(buyer.page, `/pages/order/index?id=${order.id}`);
    await buyer.page.getByText('协商退款').first().waitFor();
    await buyer.page.getByText('已退款').first().waitFor();
    await screenshot(buyer.page, 'pay-buyer-refund-approved');
    expect(buyer.problems).toEqual([]);
    expect(seller.problems).toEqual([]);
  });

  it('a buyer who closes the pay sheet can pay later from the order page', async () => {
    const buyer = await world.phoneAs('buyer');
    const order = await wechatOrderOverHttp(api, shop, 1);
    await open(buyer.page, `/pages/order/index?id=${order.id}`);
    await buyer.page.locator('.order-pay').tap();
    await buyer.page.getByTestId('sim-pay-sheet').waitFor();
    await buyer.page.getByTestId('sim-pay-cancel').click();
    await buyer.page.getByText('还没有付款，可以在这里继续支付').first().waitFor();
    expect((await api<OrderView>(shop.buyerToken, 'GET', `/orders/${order.id}`)).status).toBe('awaiting_payment');
    await screenshot(buyer.page, 'pay-order-unpaid');

    await buyer.page.locator('.order-pay').tap();
    await buyer.page.getByTestId('sim-pay-confirm').click();
    await buyer.page.getByText(/已付款 ¥\d+\.\d\d（微信支付）/).first().waitFor({ timeout: 20_000 });
    const paid = await orderWhen(api, shop.buyerToken, order.id, (o) => o.status === 'paid');
    expect(paid.money).toMatchObject({ payment: 'paid', paidFen: order.totalFen });
    expect(buyer.problems).toEqual([]);
  });
});

describeE2E('WeChat Pay through a service provider (partner mode) in the H5 build', () => {
  const world = useE2EWorld({ DEMO_DATA: 'off', WECHATPAY_MODE: 'partner' });
  let api: Api;
  let shop: MilletShop;

  beforeAll(async () => {
    api = apiAt(world.base);
    shop = await openMilletShop(world.base);
  });

  it('the seller enters the sub-merchant id the county centre opened for them; buyers then pay with WeChat Pay, straight to that sub-merchant', async () => {
    // Before: no sub-merchant, so buyers pay the seller directly.
    const before = await api<{ paymentMethods: string[] }>(shop.buyerToken, 'POST', '/orders/quote', { shopId: shop.shop.id, lines: [{ productId: shop.product.id, variantId: shop.product.variants[0].id, quantity: 1 }] });
    expect(before.paymentMethods).toEqual(['direct']);

    const seller = await world.phoneAs('seller');
    await world.open(seller.page, '/subpackages/seller/pages/payment/index');
    await seller.page.getByText('还没开通微信支付：买家暂时直接付款给您').waitFor();
    await field(seller.page, '微信支付子商户号').fill('1900000109');
    await seller.page.locator('.pay-settings__save').tap();
    await seller.page.getByText('已开通微信支付').first().waitFor();
    await screenshot(seller.page, 'pay-seller-payment-settings');
    expect(await api(shop.sellerToken, 'GET', `/shops/${shop.shop.id}/payment-settings`)).toMatchObject({ mode: 'partner', wechatPay: true, subMchid: '1900000109', version: 1 });

    // The buyer pays through the pay sheet; the money is the sub-merchant's.
    const buyer = await world.phoneAs('buyer');
    const order = await wechatOrderOverHttp(api, shop, 1);
    await world.open(buyer.page, `/pages/order/index?id=${order.id}`);
    await buyer.page.locator('.order-pay').tap();
    await buyer.page.getByTestId('sim-pay-merchant').filter({ hasText: '1900000109' }).waitFor();
    await buyer.page.getByTestId('sim-pay-confirm').click();
    await buyer.page.getByText(/已付款 ¥\d+\.\d\d（微信支付）/).first().waitFor({ timeout: 20_000 });
    const kept = (await fetch(new URL(`${SIMULATOR_PREFIX}/dev/pay-orders`, world.base)).then((r) => r.json())) as { orders: { out_trade_no: string; sub_mchid?: string; trade_state: string }[] };
    expect(kept.orders).toEqual([expect.objectContaining({ out_trade_no: order.orderNo.replace('-', ''), sub_mchid: '1900000109', trade_state: 'SUCCESS' })]);
    expect(buyer.problems).toEqual([]);
    expect(seller.problems).toEqual([]);
  });
});
