export default definePageConfig({
  navigationBarTitleText: '卖家中心',
});
