// Taro's inputs report what was typed in `detail.value` (WeChat and the browser build alike).
export function textOf(event: { detail: { value?: unknown } }): string {
  const value = event.detail.value;
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
