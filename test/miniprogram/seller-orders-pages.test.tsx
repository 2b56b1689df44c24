// The seller's order pages with fake clients: the hub's figures, the orders tabs and search, one
// order (confirm payment, ship several parcels, an order that moved on meanwhile, copy address).
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OrderCard, OrderPage, OrderView, ShipOrderRequest } from '../../contract/orders';
import { setLocale } from '../../miniprogram/src/i18n';
import { ApiError } from '../../miniprogram/src/services/http';
import { SellerHomeScreen } from '../../miniprogram/src/subpackages/seller/pages/home/SellerHomeScreen';
import { SellerOrderScreen, type SellerOrderScreenProps } from '../../miniprogram/src/subpackages/seller/pages/order/SellerOrderScreen';
import { SellerOrdersScreen } from '../../miniprogram/src/subpackages/seller/pages/orders/SellerOrdersScreen';
import { keDong, myShop, NOW, paidMoney } from './fixtures';

beforeEach(() => setLocale('zh-CN'));

const counts = { awaiting_payment: 1, paid: 2, shipped: 3, completed: 4, cancelled: 0 };

function orderCard(n: number, extra: Partial<OrderCard> = {}): OrderCard {
  return {
    id: `o${n}`, orderNo: `20261128-000000${n}`, status: 'paid', shop: { id: 'shop1', name: myShop.name }, title: '东北小米', cover: null,
    lineCount: 2, packCount: 3, totalFen: 11800, weightGrams: 7650, receiver: { name: `王${n}`, phoneMasked: '138****8000', province: '山西省' },
    paymentMethod: 'direct', expiresAt: null, createdAt: NOW, ...extra,
  };
}

/** No refund requests waiting: the orders list shows no refund chip. */
const quietDashboard = async () => ({ today: { orders: 0, revenueFen: 0, date: '2026-11-28' }, counts, openRefundRequests: 0, lowStock: [] });

const page = (items: OrderCard[]): OrderPage => ({ items, page: 1, pageSize: 20, total: items.length, counts });

const paidOrder: OrderView = {
  id: 'o1', orderNo: '20261128-0000001', status: 'paid', shop: { id: 'shop1', name: myShop.name, logo: null, phone: '13800138000' },
  buyer: { id: 'u9', nickname: '小王' }, customerId: 'c1',
  lines: [{ productId: 'p1', variantId: 'v1', title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2, lineFen: 7600, cover: null }],
  subtotalFen: 7600, shippingFen: 1000, totalFen: 8600, weightGrams: 5000,
  address: { name: '王小明', phone: '13912345678', region: keDong, detail: '前进村3组12号' },
  buyerNote: '请放门卫', sellerNote: null, paymentMethod: 'direct', paidAt: NOW, money: paidMoney(8600, { transactionId: null }), parcels: [], shippedAt: null, completedAt: null,
  cancelled: null, expiresAt: null, autoCompleteAt: null, timeline: [{ at: NOW, event: 'placed', actor: 'buyer', note: null }],
  actions: ['ship'], createdAt: NOW, updatedAt: NOW,
};

describe('seller hub: the day and what waits', () => {
  test("today's figures, to ship (opens the tab), low stock by name, and the ways on", async () => {
    const go = jest.fn();
    const orders = {
      shopDashboard: jest.fn(async () => ({ today: { orders: 5, revenueFen: 23450, date: '2026-11-28' }, counts, openRefundRequests: 0, lowStock: [{ productId: 'p7', title: '黑木耳', available: 2 }] })),
      reportSubscriptions: jest.fn(),
    };
    const alerts = { config: jest.fn(async () => ({ simulatorLoginCodePath: null, simulatorSubscribePath: '/sim', simulatorPaySheetPath: null, subscribeTemplates: { order_paid: null, order_shipped: null, new_order: 'tmplNew' }, apiVersion: 'v1' as const })), requestSubscribe: jest.fn() };
    const { container } = render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={orders} alerts={alerts} go={go} openLogin={jest.fn()} />);
    expect(await screen.findByText('¥234.50')).toBeInTheDocument();
    expect(screen.getByText('今天的订单')).toBeInTheDocument();
    fireEvent.click(container.querySelector('.seller-home-to-ship')!);
    expect(go).toHaveBeenCalledWith('sellerOrders', { status: 'paid' });
    fireEvent.click(screen.getByText('黑木耳'));
    expect(go).toHaveBeenCalledWith('sellerEditor', { id: 'p7' });
    fireEvent.click(screen.getByText('运费设置'));
    expect(go).toHaveBeenCalledWith('sellerShipping');
  });

  test('new-order alerts: the dialog opens on the tap and the answers are recorded', async () => {
    const orders = {
      shopDashboard: jest.fn(async () => ({ today: { orders: 0, revenueFen: 0, date: '2026-11-28' }, counts, openRefundRequests: 0, lowStock: [] })),
      reportSubscriptions: jest.fn(async () => ({ credits: { order_paid: 0, order_shipped: 0, new_order: 3 } })),
    };
    const requestSubscribe = jest.fn(async () => ({ tmplNew: 'accept' as const }));
    const alerts = { config: jest.fn(async () => ({ simulatorLoginCodePath: null, simulatorSubscribePath: '/sim', simulatorPaySheetPath: null, subscribeTemplates: { order_paid: null, order_shipped: null, new_order: 'tmplNew' }, apiVersion: 'v1' as const })), requestSubscribe };
    render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={orders} alerts={alerts} go={jest.fn()} openLogin={jest.fn()} />);
    await screen.findByText('今天的订单');
    await act(async () => undefined);
    fireEvent.click(screen.getByText('接收新订单提醒'));
    expect(requestSubscribe).toHaveBeenCalledWith(['tmplNew'], '/sim');
    expect(await screen.findByText('好的，有新订单会在微信里提醒你（还能提醒 3 次）')).toBeInTheDocument();
    expect(orders.reportSubscriptions).toHaveBeenCalledWith({ tmplNew: 'accept' });
  });
});

describe('orders list', () => {
  test('tabs with counts, cards with receiver, masked phone and province; search looks in every tab', async () => {
    const shopOrders = jest.fn(async () => page([orderCard(1)]));
    const go = jest.fn();
    render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders, downloadPickList: jest.fn(), shopDashboard: quietDashboard }}
        pickListFiles={{ handOff: jest.fn(), handOffNeedsTap: false }} go={go}
      />,
    );
    expect(await screen.findByText('王1')).toBeInTheDocument();
    expect(screen.getByText('待发货 2')).toBeInTheDocument();
    expect(screen.getByText('138****8000')).toBeInTheDocument();
    expect(screen.getByText('山西省')).toBeInTheDocument();
    expect(screen.getByText('东北小米 等 2 种')).toBeInTheDocument();
    expect(screen.getByText('共 3 件 · 7.65 kg')).toBeInTheDocument();
    expect(shopOrders).toHaveBeenLastCalledWith('shop1', { status: 'paid', page: 1, pageSize: 20 });

    fireEvent.click(screen.getByText('待付款 1'));
    await waitFor(() => expect(shopOrders).toHaveBeenLastCalledWith('shop1', { status: 'awaiting_payment', page: 1, pageSize: 20 }));

    fireEvent.change(screen.getByLabelText('搜索订单'), { target: { value: ' 8000 ' } });
    fireEvent.click(screen.getByText('搜索'));
    await waitFor(() => expect(shopOrders).toHaveBeenLastCalledWith('shop1', { q: '8000', page: 1, pageSize: 20 }));
    expect(await screen.findByText('“8000”：找到 1 个订单')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('link', { name: '订单 20261128-0000001' }));
    expect(go).toHaveBeenCalledWith('sellerOrder', { id: 'o1' });
  });

  test('the pick list downloads and, in the browser, saves at once', async () => {
    const downloadPickList = jest.fn(async () => 'blob:pick');
    const handOff = jest.fn(async () => 'done' as const);
    render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders: jest.fn(async () => page([orderCard(1)])), downloadPickList, shopDashboard: quietDashboard }}
        pickListFiles={{ handOff, handOffNeedsTap: false }} go={jest.fn()}
      />,
    );
    fireEvent.click(await screen.findByText('导出拣货单'));
    expect(await screen.findByText('拣货单已导出')).toBeInTheDocument();
    expect(downloadPickList).toHaveBeenCalledWith('shop1');
    expect(handOff).toHaveBeenCalledWith('blob:pick', expect.stringMatching(/^拣货单-\d{8}\.csv$/));
  });

  test('inside WeChat, sending the file to a chat takes a second tap', async () => {
    const handOff = jest.fn(async () => 'done' as const);
    render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders: jest.fn(async () => page([orderCard(1)])), downloadPickList: jest.fn(async () => '/tmp/x'), shopDashboard: quietDashboard }}
        pickListFiles={{ handOff, handOffNeedsTap: true }} go={jest.fn()}
      />,
    );
    fireEvent.click(await screen.findByText('导出拣货单'));
    fireEvent.click(await screen.findByText('发到微信聊天'));
    await waitFor(() => expect(handOff).toHaveBeenCalledWith('/tmp/x', expect.any(String)));
  });
});

describe('one order', () => {
  function fakeOrders(order: OrderView) {
    return {
      order: jest.fn(async () => order),
      cancelOrder: jest.fn(async () => ({ ...order, status: 'cancelled' as const, actions: [] })),
      confirmPayment: jest.fn(async () => ({ ...order, status: 'paid' as const, actions: ['ship' as const] })),
      shipOrder: jest.fn(async (_id: string, request: ShipOrderRequest) => ({
        ...order, status: 'shipped' as const, actions: ['add_parcel' as const],
        parcels: request.parcels.map((p) => ({ ...p, courierName: p.courierCode, at: NOW })),
      })),
      addParcels: jest.fn(async () => order),
      answerRefund: jest.fn(async () => order),
      refund: jest.fn(async () => order),
      setSellerNote: jest.fn(async (_id: string, sellerNote: string) => ({ ...order, sellerNote, updatedAt: '2026-11-28T09:00:00.000Z' })),
    };
  }

  function renderOrder(orders: ReturnType<typeof fakeOrders>, extra: Partial<SellerOrderScreenProps> = {}) {
    const props: SellerOrderScreenProps = {
      orderId: 'o1', orders, confirm: jest.fn(async () => true), copyText: jest.fn(async () => true), callPhone: jest.fn(), scanBarcode: null, go: jest.fn(), ...extra,
    };
    return { props, ...render(<SellerOrderScreen {...props} />) };
  }

  test('the full phone with a call button, and the address copied on one line', async () => {
    const { props, container } = renderOrder(fakeOrders(paidOrder));
    expect(await screen.findByText('13912345678')).toBeInTheDocument();
    fireEvent.click(screen.getByText('打电话'));
    expect(props.callPhone).toHaveBeenCalledWith('13912345678');
    fireEvent.click(container.querySelector('.copy-address')!);
    expect(props.copyText).toHaveBeenCalledWith('王小明 13912345678 黑龙江省 齐齐哈尔市 克东县 前进村3组12号');
    expect(await screen.findByText('地址已复制，可以粘贴到快递下单')).toBeInTheDocument();
    expect(screen.getByText('请放门卫')).toBeInTheDocument();
  });

  test('confirming a direct payment asks first', async () => {
    const orders = fakeOrders({ ...paidOrder, status: 'awaiting_payment', actions: ['cancel', 'confirm_payment'] });
    const { props, container } = renderOrder(orders);
    await screen.findByText('王小明');
    fireEvent.click(container.querySelector('.seller-order-confirm-payment')!);
    await waitFor(() => expect(orders.confirmPayment).toHaveBeenCalledWith('o1'));
    expect((props.confirm as jest.Mock).mock.calls[0][1]).toContain('确认已收到买家的转账或现金');
    expect(await screen.findByText('已确认收款，可以发货了')).toBeInTheDocument();
  });

  test('ships two parcels, checking the tracking numbers first', async () => {
    const orders = fakeOrders(paidOrder);
    const { container } = renderOrder(orders);
    await screen.findByText('王小明');
    fireEvent.click(container.querySelector('.seller-order-ship')!);
    fireEvent.click(screen.getByText('+ 再加一个包裹'));
    const courier = screen.getAllByLabelText('快递公司')[1] as HTMLSelectElement;
    fireEvent.change(courier, { target: { value: '1' } }); // 顺丰速运
    fireEvent.change(screen.getByLabelText('第 1 个包裹的快递单号'), { target: { value: 'ems 1234 5678' } });
    fireEvent.click(container.querySelector('.ship-submit')!);
    expect(await screen.findByText('请填快递单号')).toBeInTheDocument();
    expect(orders.shipOrder).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('第 2 个包裹的快递单号'), { target: { value: 'SF1002003004' } });
    fireEvent.click(container.querySelector('.ship-submit')!);
    await waitFor(() => expect(orders.shipOrder).toHaveBeenCalledWith('o1', {
      parcels: [{ courierCode: 'EMS', trackingNo: 'EMS12345678' }, { courierCode: 'SF', trackingNo: 'SF1002003004' }],
    }));
    expect(await screen.findByText('已发货，买家会收到通知')).toBeInTheDocument();
    expect(screen.getByText('SF SF1002003004')).toBeInTheDocument();
  });

  test('an order that moved on meanwhile: the message says to what, and the order reloads', async () => {
    const orders = fakeOrders(paidOrder);
    orders.shipOrder.mockRejectedValueOnce(new ApiError('ORDER_NOT_SHIPPABLE', '订单现在不能发货，请刷新看看', 409, 'r1', { status: 'cancelled' }));
    const { container } = renderOrder(orders);
    await screen.findByText('王小明');
    orders.order.mockResolvedValue({ ...paidOrder, status: 'cancelled', actions: [], cancelled: { at: NOW, by: 'buyer', reason: '不要了' } });
    fireEvent.click(container.querySelector('.seller-order-ship')!);
    fireEvent.change(screen.getByLabelText('第 1 个包裹的快递单号'), { target: { value: 'EMS12345678' } });
    fireEvent.click(container.querySelector('.ship-submit')!);
    expect(await screen.findByText('订单刚刚有了变化，现在是“已取消”，已为你刷新')).toBeInTheDocument();
    expect(await screen.findByText('取消原因：不要了')).toBeInTheDocument();
    expect(orders.order).toHaveBeenCalledTimes(2);
  });

  test('cancelling an unpaid order needs a reason and a yes', async () => {
    const orders = fakeOrders({ ...paidOrder, status: 'awaiting_payment', actions: ['cancel', 'confirm_payment'] });
    const { container } = renderOrder(orders);
    await screen.findByText('王小明');
    fireEvent.click(container.querySelector('.seller-order-cancel')!);
    fireEvent.click(container.querySelector('.cancel-submit')!);
    expect(await screen.findByText('请写取消原因')).toBeInTheDocument();
    fireEvent.click(screen.getByText('买家说不要了'));
    fireEvent.click(container.querySelector('.cancel-submit')!);
    await waitFor(() => expect(orders.cancelOrder).toHaveBeenCalledWith('o1', '买家说不要了'));
  });

  test('the seller note saves with its own button', async () => {
    const orders = fakeOrders(paidOrder);
    renderOrder(orders);
    await screen.findByText('王小明');
    fireEvent.change(screen.getByLabelText('我的备注（只有你能看到）'), { target: { value: ' 周六发 ' } });
    fireEvent.click(screen.getByText('保存备注'));
    await waitFor(() => expect(orders.setSellerNote).toHaveBeenCalledWith('o1', '周六发'));
    expect(await screen.findByText('备注已保存')).toBeInTheDocument();
  });
});
