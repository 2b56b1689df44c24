export default definePageConfig({
  navigationBarTitleText: '我的买家',
});
