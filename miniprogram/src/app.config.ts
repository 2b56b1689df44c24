// The app's pages, tab bar and subpackages. Buyer pages sit in the main package; seller pages and
// the platform operators' pages in subpackages, so a buyer opening a shared link downloads neither.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/orders/index',
    'pages/me/index',
    'pages/shop/index',
    'pages/product/index',
    'pages/cart/index',
    'pages/checkout/index',
    'pages/order/index',
    'pages/addresses/index',
  ],
  subPackages: [
    {
      root: 'subpackages/seller',
      pages: [
        'pages/home/index', 'pages/shop/index', 'pages/products/index', 'pages/editor/index', 'pages/poster/index',
        'pages/orders/index', 'pages/order/index', 'pages/customers/index', 'pages/customer/index', 'pages/shipping/index',
        'pages/payment/index',
      ],
    },
    {
      root: 'subpackages/operator',
      pages: ['pages/shops/index', 'pages/review/index', 'pages/payments/index'],
    },
  ],
  window: {
    navigationBarBackgroundColor: '#2f7d32',
    navigationBarTitleText: '村店',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f4ee',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#2f7d32',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/orders/index',
        text: '订单',
        iconPath: 'assets/tabbar/orders.png',
        selectedIconPath: 'assets/tabbar/orders-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
