// The operators' payment incidents page with a fake operator API: every kind shown in words with
// its amounts, numbers and time in China; the kind chips asking the server for that kind; copying
// the order number; the empty state; loading more; refused access; the way there from the shops
// page; and the client's path and query.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PaymentIncidentKind, PaymentIncidentPage, PaymentIncidentView } from '../../contract/payments';
import { setLocale } from '../../miniprogram/src/i18n';
import { createClient } from '../../miniprogram/src/services/client';
import { apiError } from '../../miniprogram/src/services/http';
import type { IncidentQuery } from '../../miniprogram/src/services/operator';
import { saveSession } from '../../miniprogram/src/services/session';
import {
  PaymentIncidentsScreen,
  type PaymentIncidentsScreenProps,
} from '../../miniprogram/src/subpackages/operator/pages/payments/PaymentIncidentsScreen';
import { OperatorShopsScreen } from '../../miniprogram/src/subpackages/operator/pages/shops/OperatorShopsScreen';
import { myShop } from './fixtures';
import { resetTaro, taro } from './stubs/taro';

beforeEach(() => setLocale('zh-CN'));

const incident = (id: string, kind: PaymentIncidentKind, extra: Partial<PaymentIncidentView> = {}): PaymentIncidentView => ({
  id,
  kind,
  outTradeNo: `CS${id}`,
  orderId: 'o1',
  orderNo: '20261128000123',
  transactionId: '4200001234202611281234567890',
  expectedFen: 3800,
  reportedFen: 3800,
  source: 'notification',
  detail: '',
  // 01:05 UTC is 09:05 in China.
  at: '2026-11-28T01:05:00.000Z',
  ...extra,
});

const wrongAmount = incident('i1', 'amount_mismatch', { expectedFen: 3800, reportedFen: 100, detail: 'the amount paid is not the order total' });
const unknownOrder = incident('i2', 'unknown_order', { orderId: null, orderNo: null, expectedFen: null, reportedFen: 12_345_600, source: 'query', detail: 'no order has this out_trade_no' });
const otherMerchant = incident('i3', 'merchant_mismatch', { orderNo: '20261127000007', detail: 'paid to 1900000999/- via wx0000' });
const unknownRefund = incident('i4', 'refund_unknown', { transactionId: 'RF20261128ab', expectedFen: null, reportedFen: 1250, source: 'answer', detail: 'refund RF20261128ab SUCCESS' });
const ALL = [wrongAmount, unknownOrder, otherMerchant, unknownRefund];

function fakeOperator(incidents: PaymentIncidentView[] = ALL) {
  return {
    paymentIncidents: jest.fn(async (query: IncidentQuery = {}): Promise<PaymentIncidentPage> => {
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 20;
      const matching = incidents.filter((each) => !query.kind || each.kind === query.kind);
      return { items: matching.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: matching.length };
    }),
  };
}

function renderIncidents(operator = fakeOperator(), extra: Partial<PaymentIncidentsScreenProps> = {}) {
  const props: PaymentIncidentsScreenProps = { operator, copy: jest.fn(async () => true), openLogin: jest.fn(), ...extra };
  const view = render(<PaymentIncidentsScreen {...props} />);
  return { props, view };
}

const card = (kind: string, index = 0) => screen.getAllByRole('group', { name: kind })[index];

describe('payment incidents', () => {
  test('explains itself and shows each kind in words, with when, amounts and the numbers to look up', async () => {
    const { props } = renderIncidents();
    await screen.findByRole('group', { name: '金额不对' });
    expect(screen.getByText(/微信支付告诉我们的、但没有记账的付款/)).toBeInTheDocument();
    expect(screen.getByText('共 4 条')).toBeInTheDocument();
    expect(props.operator.paymentIncidents).toHaveBeenCalledWith({ kind: undefined, page: 1, pageSize: 20 });

    const amount = card('金额不对');
    expect(within(amount).getByText('时间：2026-11-28 09:05')).toBeInTheDocument();
    expect(within(amount).getByText('应为')).toBeInTheDocument();
    expect(within(amount).getByText('¥38.00')).toBeInTheDocument();
    expect(within(amount).getByText('微信支付说')).toBeInTheDocument();
    expect(within(amount).getByText('¥1.00')).toBeInTheDocument();
    expect(within(amount).getByText('20261128000123')).toBeInTheDocument();
    expect(within(amount).getByText('CSi1')).toBeInTheDocument();
    expect(within(amount).getByText('微信支付单号')).toBeInTheDocument();
    expect(within(amount).getByText('4200001234202611281234567890')).toBeInTheDocument();
    expect(within(amount).getByText('来源：微信支付的通知')).toBeInTheDocument();
    expect(within(amount).getByText('说明：the amount paid is not the order total')).toBeInTheDocument();

    // No order of ours: nothing to copy for it, and what we expected is not known.
    const unknown = card('找不到订单');
    expect(within(unknown).getByText('没有对应的订单')).toBeInTheDocument();
    expect(within(unknown).queryByRole('button', { name: '复制订单号' })).not.toBeInTheDocument();
    expect(within(unknown).getByText('不知道')).toBeInTheDocument();
    expect(within(unknown).getByText('¥123,456.00')).toBeInTheDocument();
    expect(within(unknown).getByText('来源：我们去查询')).toBeInTheDocument();

    expect(within(card('商户号不对')).getByText('20261127000007')).toBeInTheDocument();
    expect(within(card('商户号不对')).getByText('说明：paid to 1900000999/- via wx0000')).toBeInTheDocument();

    // A refund we do not know: WeChat's number is a refund number.
    const refund = card('未知退款');
    expect(within(refund).getByText('退款单号')).toBeInTheDocument();
    expect(within(refund).queryByText('微信支付单号')).not.toBeInTheDocument();
    expect(within(refund).getByText('RF20261128ab')).toBeInTheDocument();
    expect(within(refund).getByText('¥12.50')).toBeInTheDocument();
    expect(within(refund).getByText('来源：退款时微信支付的回答')).toBeInTheDocument();
  });

  test('copies the order number, and says so on that card', async () => {
    const { props } = renderIncidents();
    const amount = await screen.findByRole('group', { name: '金额不对' });
    fireEvent.click(within(amount).getByRole('button', { name: '复制订单号' }));
    await waitFor(() => expect(props.copy).toHaveBeenCalledWith('20261128000123'));
    expect(await within(amount).findByText('已复制订单号：20261128000123')).toBeInTheDocument();
    expect(within(card('商户号不对')).queryByRole('status')).not.toBeInTheDocument();

    fireEvent.click(within(card('未知退款')).getByRole('button', { name: '复制退款单号' }));
    await waitFor(() => expect(props.copy).toHaveBeenLastCalledWith('RF20261128ab'));
    expect(await within(card('未知退款')).findByText('已复制退款单号：RF20261128ab')).toBeInTheDocument();
    expect(within(amount).queryByRole('status')).not.toBeInTheDocument();
  });

  test('a copy that did not work says how to copy by hand', async () => {
    renderIncidents(undefined, { copy: jest.fn(async () => false) });
    const amount = await screen.findByRole('group', { name: '金额不对' });
    fireEvent.click(within(amount).getByRole('button', { name: '复制商户订单号' }));
    expect(await within(amount).findByRole('alert')).toHaveTextContent('没能复制，请长按文字自己复制');
  });

  test('the kind chips ask the server for that kind only', async () => {
    const { props } = renderIncidents();
    await screen.findByRole('group', { name: '金额不对' });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['全部', '金额不对', '找不到订单', '商户号不对', '未知退款']);
    expect(screen.getByRole('tab', { name: '全部' })).toHaveAttribute('aria-selected', 'true');

    fireEvent.click(screen.getByRole('tab', { name: '商户号不对' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: '金额不对' })).not.toBeInTheDocument());
    expect(screen.getByRole('group', { name: '商户号不对' })).toBeInTheDocument();
    expect(screen.getByText('共 1 条')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '商户号不对' })).toHaveAttribute('aria-selected', 'true');
    expect(props.operator.paymentIncidents).toHaveBeenLastCalledWith({ kind: 'merchant_mismatch', page: 1, pageSize: 20 });

    fireEvent.click(screen.getByRole('tab', { name: '未知退款' }));
    await screen.findByRole('group', { name: '未知退款' });
    expect(props.operator.paymentIncidents).toHaveBeenLastCalledWith({ kind: 'refund_unknown', page: 1, pageSize: 20 });

    fireEvent.click(screen.getByRole('tab', { name: '全部' }));
    await screen.findByRole('group', { name: '金额不对' });
    expect(props.operator.paymentIncidents).toHaveBeenLastCalledWith({ kind: undefined, page: 1, pageSize: 20 });
  });

  test('nothing to look at: 没有支付异常', async () => {
    renderIncidents(fakeOperator([wrongAmount]));
    await screen.findByRole('group', { name: '金额不对' });
    fireEvent.click(screen.getByRole('tab', { name: '找不到订单' }));
    expect(await screen.findByText('没有支付异常')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  test('loads more with the button and on reaching the bottom', async () => {
    const many = Array.from({ length: 45 }, (_, i) => incident(`n${i + 1}`, 'amount_mismatch', { outTradeNo: `CSN${i + 1}` }));
    const operator = fakeOperator(many);
    const props: PaymentIncidentsScreenProps = { operator, copy: jest.fn(async () => true), openLogin: jest.fn() };
    const { rerender } = render(<PaymentIncidentsScreen {...props} reachedBottom={0} />);
    expect(await screen.findByText('CSN20')).toBeInTheDocument();
    expect(screen.queryByText('CSN21')).not.toBeInTheDocument();
    expect(screen.getByText('共 45 条')).toBeInTheDocument();

    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('CSN40')).toBeInTheDocument();
    expect(operator.paymentIncidents).toHaveBeenLastCalledWith({ kind: undefined, page: 2, pageSize: 20 });

    rerender(<PaymentIncidentsScreen {...props} reachedBottom={1} />);
    expect(await screen.findByText('CSN45')).toBeInTheDocument();
    expect(operator.paymentIncidents).toHaveBeenLastCalledWith({ kind: undefined, page: 3, pageSize: 20 });
    expect(screen.getAllByRole('group')).toHaveLength(45);
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  test('shown again: asks afresh (incidents may have arrived meanwhile)', async () => {
    const operator = fakeOperator([wrongAmount]);
    const props: PaymentIncidentsScreenProps = { operator, copy: jest.fn(async () => true), openLogin: jest.fn() };
    const { rerender } = render(<PaymentIncidentsScreen {...props} shown={0} />);
    await screen.findByRole('group', { name: '金额不对' });
    operator.paymentIncidents.mockResolvedValueOnce({ items: [wrongAmount, otherMerchant], page: 1, pageSize: 20, total: 2 });
    rerender(<PaymentIncidentsScreen {...props} shown={1} />);
    expect(await screen.findByRole('group', { name: '商户号不对' })).toBeInTheDocument();
    expect(operator.paymentIncidents).toHaveBeenCalledTimes(2);
  });

  test('a page that fails to load offers a retry', async () => {
    const operator = fakeOperator();
    operator.paymentIncidents.mockRejectedValueOnce(apiError('NETWORK'));
    renderIncidents(operator);
    expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByRole('group', { name: '金额不对' })).toBeInTheDocument();
  });

  test('not logged in: the way to log in; not an operator: plain words', async () => {
    const operator = fakeOperator();
    operator.paymentIncidents.mockRejectedValue(apiError('LOGIN_REQUIRED'));
    const { props, view } = renderIncidents(operator);
    fireEvent.click(await screen.findByText('去登录'));
    expect(props.openLogin).toHaveBeenCalled();
    view.unmount();

    const refused = fakeOperator();
    refused.paymentIncidents.mockRejectedValue(apiError('FORBIDDEN', 403));
    renderIncidents(refused);
    expect(await screen.findByText('只有平台管理员能用这里')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  test('speaks English', async () => {
    setLocale('en');
    renderIncidents();
    const amount = await screen.findByRole('group', { name: 'Wrong amount' });
    expect(within(amount).getByText('Expected')).toBeInTheDocument();
    expect(within(amount).getByText('WeChat Pay says')).toBeInTheDocument();
    expect(within(amount).getByRole('button', { name: 'Copy Order number' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Unknown refund' })).toBeInTheDocument();
    expect(screen.getByText('4 incidents')).toBeInTheDocument();
  });
});

test('the shops page leads to the payment incidents', async () => {
  const go = jest.fn();
  render(
    <OperatorShopsScreen
      operator={{
        adminShops: jest.fn(async () => ({ items: [myShop], page: 1, pageSize: 20, total: 1 })),
        suspendShop: jest.fn(),
        unsuspendShop: jest.fn(),
      }}
      payments={{
        paymentSettings: jest.fn(async () => ({ mode: 'off' as const, wechatPay: false, subMchid: null, version: 0 })),
        updatePaymentSettings: jest.fn(),
      }}
      go={go}
      openLogin={jest.fn()}
      confirm={jest.fn(async () => true)}
    />,
  );
  await screen.findByText('克东王家合作社');
  fireEvent.click(screen.getByText('支付异常'));
  expect(go).toHaveBeenCalledWith('operatorPayments');
  expect(screen.getByText('商品审核')).toBeInTheDocument();
});

test('the client asks GET /admin/payment-incidents with the kind and page, carrying the token', async () => {
  resetTaro();
  saveSession({ token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', userId: 'u1' });
  taro.request.mockImplementation(() => Promise.resolve({ statusCode: 200, data: { items: [], page: 1, pageSize: 20, total: 0 }, header: {} }));
  const c = createClient({ baseUrl: 'https://api.test', weChatLoginCode: async () => 'code-1' });
  await act(async () => {
    await c.paymentIncidents({ kind: 'amount_mismatch', page: 2, pageSize: 20 });
    await c.paymentIncidents();
  });
  const calls = taro.request.mock.calls.map(([options]) => options as { url: string; method: string; header: Record<string, string> });
  expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
    'GET https://api.test/api/v1/admin/payment-incidents?kind=amount_mismatch&page=2&pageSize=20',
    'GET https://api.test/api/v1/admin/payment-incidents',
  ]);
  for (const call of calls) expect(call.header.Authorization).toBe('Bearer tok');
});
