export default definePageConfig({
  navigationBarTitleText: '商品海报',
});
