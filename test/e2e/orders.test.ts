// In Chromium, on the H5 build served by the real server (with its WeChat simulator): the whole
// life of an order across two phones. A buyer opens a shared product link, buys two bags, types a
// delivery address at checkout and places the order (paying the seller directly); the seller sees
// it on the home screen, confirms the payment and ships it with a tracking number; the buyer sees
// it shipped with the number and confirms receipt. A second journey goes through the cart. The
// shop and product are set up over HTTP as the simulator's seller. Phone-size screenshots of each
// page land in test-results/screenshots.
import type { Page } from 'playwright-core';
import { SIMULATOR_MESSAGES_PATH } from '../../contract/paths';
import type { ProductView } from '../../contract/products';
import type { ShopView } from '../../contract/shops';
import type { OrderPage, OrderView } from '../../contract/orders';
import { screenshot } from '../support/browser';
import { describeE2E, useE2EWorld } from '../support/e2e';
import { field, confirmPicker, answerYes } from '../support/h5-page';
import { apiAt, openMilletShop, type Api } from '../support/e2e-shop';

jest.setTimeout(240_000);

describeE2E('orders in the H5 build', () => {
  // A shop without WeChat Pay: buyers pay the seller directly (test/e2e/payments.test.ts has WeChat Pay).
  const world = useE2EWorld({ DEMO_DATA: 'off', WECHATPAY_MODE: 'off' });
  const open = (page: Page, route: string) => world.open(page, route);

  let sellerToken = '';
  let buyerToken = '';
  let shop: ShopView;
  let product: ProductView;
  let api: Api;

  beforeAll(async () => {
    api = apiAt(world.base);
    ({ sellerToken, buyerToken, shop, product } = await openMilletShop(world.base));
  });

  it('a buyer orders from a shared link; the seller confirms payment and ships; the buyer sees the tracking number and confirms receipt', async () => {
    // ——— The buyer opens the link shared in the group chat ———
    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/product/index?id=${product.id}&from=${shop.ownerId}`);
    await buyer.page.getByText('沁州黄小米 新米').first().waitFor();
    await buyer.page.locator('.stepper__plus').first().tap();
    await screenshot(buyer.page, 'order-product-buy');
    await buyer.page.locator('.buy-now').first().tap();

    // ——— Checkout: a typed address, the server's quote, and the order ———
    await field(buyer.page, '收货人').waitFor();
    await field(buyer.page, '收货人').fill('李秀英');
    await field(buyer.page, '手机号').fill('13912345678');
    await buyer.page.getByText('选择省份').tap();
    await confirmPicker(buyer.page);
    await buyer.page.getByText('选择城市').tap();
    await confirmPicker(buyer.page);
    await buyer.page.getByText('选择区县').tap();
    await confirmPicker(buyer.page);
    await field(buyer.page, '详细地址').fill('东华门街道 南池子大街 8 号');
    // Two 2.5 kg bags: ¥76 of millet, 5 kg at the default template (first kg ¥8, ¥2 each further kg) ¥16.
    await buyer.page.getByText('¥92.00').first().waitFor();
    await screenshot(buyer.page, 'order-checkout');
    await buyer.page.locator('.checkout-submit').tap();

    // ——— The order page, awaiting the seller's confirmation of the transfer ———
    await buyer.page.getByText('请直接付款给卖家（转账或现金）').waitFor();
    await screenshot(buyer.page, 'order-buyer-awaiting-payment');
    const placed = (await api<OrderPage>(buyerToken, 'GET', '/me/orders')).items;
    expect(placed).toHaveLength(1);
    const orderId = placed[0].id;
    expect(placed[0]).toMatchObject({ status: 'awaiting_payment', totalFen: 9200, packCount: 2 });
    expect((await api<ProductView>(sellerToken, 'GET', `/listings/${product.id}`)).variants[0].stock).toBe(48);

    // ——— The seller: home screen, confirm the payment, ship ———
    const seller = await world.phoneAs('seller');
    await open(seller.page, '/subpackages/seller/pages/home/index');
    await seller.page.getByText('今天的订单').waitFor();
    await seller.page.getByText('¥0.00').first().waitFor(); // nothing paid yet today
    await screenshot(seller.page, 'order-seller-home');
    await open(seller.page, '/subpackages/seller/pages/orders/index?status=awaiting_payment');
    await seller.page.getByText('李秀英').first().waitFor();
    await screenshot(seller.page, 'order-seller-orders');
    await seller.page.getByText('李秀英').first().tap();
    await seller.page.locator('.seller-order-confirm-payment').waitFor();
    await expect(seller.page.getByText('13912345678').first().isVisible()).resolves.toBe(true);
    await screenshot(seller.page, 'order-seller-detail');
    await seller.page.locator('.seller-order-confirm-payment').tap();
    await answerYes(seller.page);
    await seller.page.locator('.seller-order-ship').waitFor();

    // Paid, so it is on the pick list: the browser downloads a CSV Excel opens in Chinese.
    await open(seller.page, '/subpackages/seller/pages/orders/index?status=paid');
    const [download] = await Promise.all([seller.page.waitForEvent('download'), seller.page.locator('.pick-list__export').tap()]);
    const csv = await new Promise<Buffer>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      }, reject);
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('李秀英');
    expect(csv.toString('utf8')).toContain('13912345678'); // full phone: the waybill needs it
    await seller.page.getByText('拣货单已导出').waitFor();
    await screenshot(seller.page, 'order-seller-pick-list');
    await seller.page.getByText('李秀英').first().tap();
    await seller.page.locator('.seller-order-ship').tap();
    // The number's SF prefix picks the courier (the list starts with EMS).
    await seller.page.locator('.parcel-tracking input').fill('sf1234567890');
    await seller.page.locator('.parcel-courier', { hasText: '顺丰速运' }).waitFor();
    await screenshot(seller.page, 'order-seller-ship');
    await seller.page.locator('.ship-submit').tap();
    await seller.page.getByText('SF1234567890').first().waitFor();
    await screenshot(seller.page, 'order-seller-shipped');
    await open(seller.page, '/subpackages/seller/pages/home/index');
    await seller.page.getByText('¥92.00').first().waitFor(); // paid today

    // ——— The buyer sees it shipped and confirms receipt ———
    await open(buyer.page, `/pages/order/index?id=${orderId}`);
    await buyer.page.getByText('SF1234567890').first().waitFor();
    await buyer.page.getByText('顺丰速运').first().waitFor();
    await screenshot(buyer.page, 'order-buyer-shipped');
    await buyer.page.locator('.order-confirm-receipt').tap();
    await answerYes(buyer.page);
    await buyer.page.getByText('已完成').first().waitFor();
    await screenshot(buyer.page, 'order-buyer-completed');

    // The buyer's order list and address book, the seller's buyers: one screenshot each.
    await open(buyer.page, '/pages/orders/index');
    await buyer.page.getByText('沁州黄小米 新米').first().waitFor();
    await screenshot(buyer.page, 'order-buyer-orders');
    await open(buyer.page, '/pages/addresses/index');
    await buyer.page.getByText('李秀英').first().waitFor();
    await screenshot(buyer.page, 'order-buyer-addresses');
    await open(seller.page, '/subpackages/seller/pages/customers/index');
    await seller.page.getByText('139****5678').first().waitFor();
    await screenshot(seller.page, 'order-seller-customers');
    await seller.page.getByText('139****5678').first().tap();
    await seller.page.getByText('东华门街道 南池子大街 8 号').first().waitFor();
    await seller.page.getByText('+ 老顾客').tap();
    await seller.page.locator('.customer-save').tap();
    await seller.page.getByText('已保存').first().waitFor();
    await screenshot(seller.page, 'order-seller-customer');
    const customers = await api<{ items: { tags: string[] }[] }>(sellerToken, 'GET', `/shops/${shop.id}/customers`);
    expect(customers.items.map((c) => c.tags)).toEqual([['老顾客']]);

    const done = await api<OrderView>(buyerToken, 'GET', `/orders/${orderId}`);
    expect(done.status).toBe('completed');
    expect(done.timeline.map((e) => e.event)).toEqual(['placed', 'paid', 'shipped', 'received']);
    expect(done.parcels).toEqual([expect.objectContaining({ courierCode: 'SF', courierName: '顺丰速运', trackingNo: 'SF1234567890' })]);

    // The buyer accepted "paid" and "shipped" messages on the tap that placed the order (the
    // simulator plays WeChat's dialog in H5); the server sent each once.
    const messages = await fetch(new URL(`${SIMULATOR_MESSAGES_PATH}?openid=sim_buyer_0001`, world.base)).then((r) => r.json()) as { items: { template_id: string }[] };
    expect(messages.items.length).toBe(2);

    expect(buyer.problems).toEqual([]);
    expect(seller.problems).toEqual([]);
  });

  it('a buyer fills a cart, orders from it with the address saved last time, then cancels and the stock goes back', async () => {
    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/product/index?id=${product.id}`);
    await buyer.page.locator('.cart-add').first().tap();
    await open(buyer.page, '/pages/cart/index');
    await buyer.page.getByText('沁州黄小米 新米').first().waitFor();
    await buyer.page.locator('.stepper__plus').first().tap();
    await buyer.page.locator('.stepper__plus').first().tap();
    await buyer.page.getByText('¥114.00').first().waitFor(); // 3 × ¥38
    await screenshot(buyer.page, 'order-cart');
    await buyer.page.locator('.cart-checkout').first().tap();
    // The first journey's address was saved (checkout offers that by default): it is chosen already.
    await buyer.page.locator('.address-option--on', { hasText: '李秀英' }).waitFor();
    // 7.5 kg: ¥8 + 7 × ¥2 = ¥22 shipping, ¥136 in all.
    await buyer.page.getByText('¥136.00').first().waitFor();
    await screenshot(buyer.page, 'order-checkout-saved-address');
    await buyer.page.locator('.checkout-submit').tap();
    await buyer.page.getByText('请直接付款给卖家（转账或现金）').waitFor();

    // Changed their mind while it is unpaid: cancelled with a reason, and the three bags go back.
    const stockBefore = (await api<ProductView>(sellerToken, 'GET', `/listings/${product.id}`)).variants[0].stock;
    await buyer.page.locator('.order-cancel').tap();
    await buyer.page.getByText('不想要了').tap();
    await buyer.page.locator('.order-cancel-confirm').tap();
    await buyer.page.getByText('已取消').first().waitFor();
    await screenshot(buyer.page, 'order-buyer-cancelled');
    expect((await api<ProductView>(sellerToken, 'GET', `/listings/${product.id}`)).variants[0].stock).toBe((stockBefore ?? 0) + 3);

    // One saved address, not a copy per order.
    const addresses = await api<{ items: { name: string; isDefault: boolean }[] }>(buyerToken, 'GET', '/me/addresses');
    expect(addresses.items).toEqual([expect.objectContaining({ name: '李秀英', isDefault: true })]);
    const orders = await api<OrderPage>(buyerToken, 'GET', '/me/orders?status=cancelled');
    expect(orders.items[0]).toMatchObject({ totalFen: 13_600, packCount: 3, receiver: expect.objectContaining({ name: '李秀英' }) });
    // The cart is empty once its lines became an order.
    await open(buyer.page, '/pages/cart/index');
    await buyer.page.getByText('购物车是空的').first().waitFor();
    await screenshot(buyer.page, 'order-cart-empty');
    expect(buyer.problems).toEqual([]);
  });

  it('a seller changes the shipping fee and stops shipping to a province; buyers there are told before they order', async () => {
    const seller = await world.phoneAs('seller');
    await open(seller.page, '/subpackages/seller/pages/shipping/index');
    await field(seller.page, '全国 首重运费').waitFor();
    await field(seller.page, '全国 首重运费').fill('10');
    await seller.page.locator('[aria-label="添加不发货的省份"]').tap();
    await confirmPicker(seller.page); // the list's first province: 北京市
    await seller.page.getByText('北京市 ×').waitFor();
    await screenshot(seller.page, 'order-seller-shipping-settings');
    await seller.page.locator('.shipping-save').tap();
    await seller.page.getByText('运费设置已保存，新订单按新运费算').waitFor();
    const settings = await api<{ shipping: { defaultRule: { firstFen: number }; excludedProvinceCodes: string[] } }>(sellerToken, 'GET', `/shops/${shop.id}/order-settings`);
    expect(settings.shipping).toMatchObject({ defaultRule: { firstFen: 1000 }, excludedProvinceCodes: ['110000'] });

    // The buyer's saved address is in Beijing: checkout says so before anything is placed.
    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/product/index?id=${product.id}`);
    await buyer.page.locator('.buy-now').first().tap();
    await buyer.page.getByText('这家店不发货到北京市').first().waitFor();
    await screenshot(buyer.page, 'order-checkout-not-shipped');
    const before = (await api<OrderPage>(buyerToken, 'GET', '/me/orders')).total;
    await buyer.page.locator('.checkout-submit').tap();
    await buyer.page.waitForTimeout(1000);
    expect((await api<OrderPage>(buyerToken, 'GET', '/me/orders')).total).toBe(before);

    // Elsewhere the new fee applies: one 2.5 kg bag to Shanghai, ¥10 first kg + 2 × ¥2.
    const quote = await api<{ shipping: { ships: boolean; fen: number } }>(buyerToken, 'POST', '/orders/quote', {
      shopId: shop.id, lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1 }], regionCode: '310104',
    });
    expect(quote.shipping).toEqual({ ships: true, fen: 1400, free: false });
    expect(buyer.problems).toEqual([]);
    expect(seller.problems).toEqual([]);
  });
});
