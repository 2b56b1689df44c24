export default definePageConfig({
  navigationBarTitleText: '买家详情',
});
