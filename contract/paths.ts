// URL paths of the API, shared so neither side spells one by hand.
export const API_PREFIX = '/api/v1';

export const paths = {
  login: '/auth/login',
  logout: '/auth/logout',
  me: '/me',
  meAvatar: '/me/avatar',
  clientConfig: '/client-config',
  file: '/files/:id',
  openapi: '/openapi.json',

  regions: '/regions',
  photos: '/photos',

  // Shops: the public directory and page, the owner's own, operators'.
  shops: '/shops',
  shop: '/shops/:shopId',
  myShop: '/me/shop',
  shopPause: '/shops/:shopId/pause',
  shopReopen: '/shops/:shopId/reopen',
  shopProducts: '/shops/:shopId/products',

  // Products as buyers see them, and as their seller manages them ("listings").
  product: '/products/:productId',
  shopListings: '/shops/:shopId/listings',
  listing: '/listings/:productId',
  listingPublish: '/listings/:productId/publish',
  listingUnpublish: '/listings/:productId/unpublish',
  listingStock: '/listings/:productId/stock',
  listingPoster: '/listings/:productId/poster',
  scene: '/scenes/:scene',

  // Orders: checkout and the buyer's side.
  orderQuote: '/orders/quote',
  orders: '/orders',
  myOrders: '/me/orders',
  order: '/orders/:orderId',
  orderCancel: '/orders/:orderId/cancel',
  orderConfirmReceipt: '/orders/:orderId/confirm-receipt',
  myAddresses: '/me/addresses',
  myAddress: '/me/addresses/:addressId',
  mySubscriptions: '/me/subscriptions',

  // Orders: the seller's side.
  orderConfirmPayment: '/orders/:orderId/confirm-payment',
  orderShip: '/orders/:orderId/ship',
  orderParcels: '/orders/:orderId/parcels',
  orderSellerNote: '/orders/:orderId/seller-note',

  // Payments and refunds.
  orderPay: '/orders/:orderId/pay',
  /** After wx.requestPayment says success: the server asks WeChat Pay, and answers the order. */
  orderPayCheck: '/orders/:orderId/pay/check',
  orderRefundRequest: '/orders/:orderId/refund-request',
  orderRefundAnswer: '/orders/:orderId/refund-request/answer',
  orderRefunds: '/orders/:orderId/refunds',
  shopPaymentSettings: '/shops/:shopId/payment-settings',
  /** WeChat Pay's notifications (payments and refunds): no session, verified by signature. */
  wechatPayNotify: '/payments/wechat/notify',
  shopOrders: '/shops/:shopId/orders',
  shopPickList: '/shops/:shopId/orders/pick-list.csv',
  shopDashboard: '/shops/:shopId/dashboard',
  shopOrderSettings: '/shops/:shopId/order-settings',
  shopCustomers: '/shops/:shopId/customers',
  shopCustomer: '/shops/:shopId/customers/:customerId',

  adminShops: '/admin/shops',
  adminShopSuspend: '/admin/shops/:shopId/suspend',
  adminShopUnsuspend: '/admin/shops/:shopId/unsuspend',
  adminProducts: '/admin/products',
  adminPaymentIncidents: '/admin/payment-incidents',
  adminProductClear: '/admin/products/:productId/clear',
  adminProductTakeDown: '/admin/products/:productId/take-down',
} as const;

/** Fills a path's `:name` parameters, e.g. pathTo(paths.shop, { shopId }). */
export function pathTo(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathTo: missing ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

/** Mini-program pages, shared by sharing (paths in share cards and codes) and the server (posters). */
export const pages = {
  home: 'pages/index/index',
  orders: 'pages/orders/index',
  me: 'pages/me/index',
  shop: 'pages/shop/index',
  product: 'pages/product/index',
  cart: 'pages/cart/index',
  checkout: 'pages/checkout/index',
  order: 'pages/order/index',
  addresses: 'pages/addresses/index',
  sellerHome: 'subpackages/seller/pages/home/index',
  sellerShop: 'subpackages/seller/pages/shop/index',
  sellerProducts: 'subpackages/seller/pages/products/index',
  sellerEditor: 'subpackages/seller/pages/editor/index',
  sellerPoster: 'subpackages/seller/pages/poster/index',
  sellerOrders: 'subpackages/seller/pages/orders/index',
  sellerOrder: 'subpackages/seller/pages/order/index',
  sellerCustomers: 'subpackages/seller/pages/customers/index',
  sellerCustomer: 'subpackages/seller/pages/customer/index',
  sellerShipping: 'subpackages/seller/pages/shipping/index',
  sellerPayment: 'subpackages/seller/pages/payment/index',
  operatorShops: 'subpackages/operator/pages/shops/index',
  operatorReview: 'subpackages/operator/pages/review/index',
  operatorPayments: 'subpackages/operator/pages/payments/index',
} as const;

/** The URL (same origin as the API) of a stored file, e.g. an avatar. */
export const fileUrl = (id: string) => API_PREFIX + paths.file.replace(':id', id);

/** Where the WeChat simulator is mounted when the server hosts it. */
export const SIMULATOR_PREFIX = '/wechat-sim';
export const SIMULATOR_LOGIN_CODE_PATH = `${SIMULATOR_PREFIX}/dev/login-code`;
/**
 * The simulator's stand-in for the phone's subscribe dialog (POST { openid? , results }) in H5,
 * and its record of subscription messages it was sent (GET), for tests and developers.
 */
export const SIMULATOR_SUBSCRIBE_PATH = `${SIMULATOR_PREFIX}/dev/subscribe`;
export const SIMULATOR_MESSAGES_PATH = `${SIMULATOR_PREFIX}/dev/subscribe-messages`;
/**
 * The simulator's stand-in for WeChat's pay sheet in H5: GET ?prepay_id= shows what is being paid,
 * POST pays (or cancels) with what wx.requestPayment was given.
 */
export const SIMULATOR_PAY_SHEET_PATH = `${SIMULATOR_PREFIX}/dev/pay-sheet`;
