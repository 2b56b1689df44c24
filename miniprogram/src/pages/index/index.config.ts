export default definePageConfig({
  navigationBarTitleText: '村店',
});
