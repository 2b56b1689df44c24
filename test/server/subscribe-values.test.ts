// WeChat's rules for subscription-message values: what the simulator refuses (valueProblem) and
// how our values are written to fit them (toWeChatValue), as a table; and the template variables.
import { keywordType, toWeChatValue, valueProblem, type FieldValue, type KeywordType } from '../../server/src/wechat/subscribe-values';
import { fenToYuan } from '../../server/src/domain/units-text';
import { ConfigError, loadConfig } from '../../server/src/config';

// 2026-11-28 06:30 UTC is 14:30 in China; 23:30 UTC is already the next day there.
const AFTERNOON = new Date('2026-11-28T06:30:00Z');
const LATE = new Date('2026-11-28T23:30:00Z');

describe('keyword types', () => {
  it.each([
    ['thing3', 'thing'],
    ['character_string1', 'character_string'],
    ['amount2', 'amount'],
    ['time4', 'time'],
    ['phone_number12', 'phone_number'],
    ['car_number1', 'car_number'],
    ['name10', 'name'],
  ])('%s is a %s', (keyword, type) => expect(keywordType(keyword)).toBe(type));

  it.each(['thing', 'thingx3', 'title1', 'Thing3', 'amount_2', ''])('%p is not a WeChat keyword', (keyword) => expect(keywordType(keyword)).toBeNull());
});

describe('values WeChat accepts and refuses', () => {
  const cases: [KeywordType, string, boolean][] = [
    ['thing', '沁州黄小米×2', true],
    ['thing', '一二三四五六七八九十一二三四五六七八九十', true], // 20
    ['thing', '一二三四五六七八九十一二三四五六七八九十一', false], // 21
    ['thing', '第一行\n第二行', false],
    ['character_string', '20261128-4821937', true],
    ['character_string', 'SF1234567890', true],
    ['character_string', '订单20261128', false],
    ['character_string', 'a'.repeat(33), false],
    ['number', '12345', true],
    ['number', '12.5', true],
    ['number', '12a', false],
    ['number', '1'.repeat(33), false],
    ['letter', 'abcXYZ', true],
    ['letter', 'abc1', false],
    ['symbol', '%', true],
    ['symbol', '!!!!!!', false],
    ['amount', '¥12.50', true],
    ['amount', '12.50元', true],
    ['amount', '¥0.01', true],
    ['amount', '¥1234567890.00', false], // 14 characters
    ['amount', '12.5.0', false],
    ['amount', '十二元', false],
    ['time', '2026年11月28日 14:30', true],
    ['time', '2026-11-28 14:30', true],
    ['time', '14:30', true],
    ['time', '2026-11-28', false],
    ['time', '下午两点', false],
    ['date', '2026年11月28日', true],
    ['date', '2026-11-28', true],
    ['date', '11月28日', false],
    ['phrase', '已发货', true],
    ['phrase', '已经发货了呀', false], // 6
    ['phrase', 'ok', false],
    ['name', '张三', true],
    ['name', '欧阳一二三四五六七八', true], // 10
    ['name', '欧阳一二三四五六七八九', false], // 11
    ['name', 'Zhang San', true],
    ['name', '张San', false],
    ['phone_number', '13912345678', true],
    ['phone_number', '+86-13912345678', true],
    ['phone_number', '139 1234 5678', false],
    ['phone_number', '1'.repeat(18), false],
    ['car_number', '晋D12345', true],
    ['car_number', '晋D1234567', false],
    ['thing', '', false],
  ];
  it.each(cases)('%s %p → %s', (type, value, ok) => expect(valueProblem(type, value) === null).toBe(ok));
});

describe('our values written for WeChat', () => {
  const cases: [KeywordType, FieldValue, string | null][] = [
    ['amount', { fen: 1250 }, '¥12.50'],
    ['amount', { fen: 5 }, '¥0.05'],
    ['amount', { fen: 123456789 }, '¥1234567.89'],
    ['amount', { fen: 99999999999 }, null], // ¥999999999.99: past what WeChat can show
    ['amount', '12.50', null],
    ['thing', '沁县檀山杂粮专业合作社沁州黄小米新米二点五公斤', '沁县檀山杂粮专业合作社沁州黄小米新米二…'], // 19 characters and …,
    ['thing', '  两行\n留言  ', '两行 留言'],
    ['thing', { fen: 7600 }, '¥76.00'],
    ['thing', AFTERNOON, '2026年11月28日 14:30'],
    ['time', AFTERNOON, '2026年11月28日 14:30'],
    ['time', LATE, '2026年11月29日 07:30'],
    ['time', 'yesterday', null],
    ['date', LATE, '2026年11月29日'],
    ['character_string', '20261128-4821937', '20261128-4821937'],
    ['character_string', '订单 20261128-4821937', '20261128-4821937'],
    ['character_string', 'x'.repeat(40), 'x'.repeat(32)],
    ['character_string', '沁州黄', null],
    ['number', '共 3 件', '3'],
    ['number', { fen: 1250 }, '12.50'],
    ['letter', 'SF-123 express', 'SFexpress'],
    ['phrase', '已付款 ok', '已付款'],
    ['phrase', '已经付款完成了', '已经付款完'],
    ['name', '张三', '张三'],
    ['name', '张三 (收)', '张三收'],
    ['name', '欧阳一二三四五六七八九十', '欧阳一二三四五六七八'],
    ['name', 'Li Lei 123', 'Li Lei'],
    ['phone_number', '139 1234 5678', '13912345678'],
    ['symbol', 'a%b', '%'],
    ['car_number', '晋d 12345', '晋D12345'],
    ['thing', '   ', null],
  ];
  it.each(cases)('%s %p → %p', (type, value, expected) => {
    const written = toWeChatValue(type, value);
    expect(written).toBe(expected);
    if (written !== null) expect(valueProblem(type, written)).toBeNull();
  });

  it('formats fen with integer arithmetic', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(10)).toBe('0.10');
    expect(fenToYuan(100)).toBe('1.00');
    expect(fenToYuan(2999)).toBe('29.99');
    expect(fenToYuan(-150)).toBe('-1.50');
  });
});

describe('WECHAT_TMPL_* variables', () => {
  const base = { NODE_ENV: 'test', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'a'.repeat(32) } as const;

  it('are read into templates by topic; unset ones are null with real WeChat', () => {
    const config = loadConfig({ ...base, WECHAT_TMPL_ORDER_PAID: 'AbC123|orderNo=character_string1,amount=amount2,items=thing3,paidAt=time4' });
    expect(config.wechat.subscribeTemplates).toEqual({
      order_paid: {
        id: 'AbC123',
        keywords: [
          { field: 'orderNo', keyword: 'character_string1' },
          { field: 'amount', keyword: 'amount2' },
          { field: 'items', keyword: 'thing3' },
          { field: 'paidAt', keyword: 'time4' },
        ],
      },
      order_shipped: null,
      new_order: null,
    });
  });

  it("are the simulator's own templates when the simulator runs and they are unset", () => {
    const config = loadConfig({ NODE_ENV: 'test', WECHAT_TMPL_NEW_ORDER: 'MyNew_1|orderNo=character_string1' });
    expect(config.wechat.subscribeTemplates.order_paid?.id).toBe('sim-order-paid');
    expect(config.wechat.subscribeTemplates.order_shipped?.id).toBe('sim-order-shipped');
    expect(config.wechat.subscribeTemplates.new_order?.id).toBe('MyNew_1');
  });

  it.each([
    ['WECHAT_TMPL_ORDER_PAID', 'AbC123'],
    ['WECHAT_TMPL_ORDER_PAID', 'AbC123|orderNo=title1'],
    ['WECHAT_TMPL_ORDER_SHIPPED', 'AbC123|amount=amount2'], // not a field of the shipped message
    ['WECHAT_TMPL_NEW_ORDER', 'AbC123|orderNo=thing1,items=thing1'],
    ['WECHAT_TMPL_NEW_ORDER', 'bad id!|orderNo=thing1'],
    ['WECHAT_TMPL_NEW_ORDER', 'AbC123|'],
  ])('%s=%p stops start-up naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ ...base, [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });
});
