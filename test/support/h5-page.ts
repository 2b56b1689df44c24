// Driving the Taro H5 build's own widgets from E2E tests: its inputs, picker sheets and modals.
import type { Page } from 'playwright-core';

/** Taro's H5 inputs are web components holding a real <input> or <textarea>; ours carry aria-labels. */
export function field(page: Page, label: string) {
  return page.locator(`[aria-label="${label}"] input, [aria-label="${label}"] textarea`);
}

/** Every picker has its own (hidden) sheet; confirm the one that is open, taking its current row. */
export async function confirmPicker(page: Page) {
  await page.getByText('确定', { exact: true }).filter({ visible: true }).tap();
  await page.locator('.weui-picker').filter({ visible: true }).waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Taro's H5 showModal: its own dialog, whose buttons answer clicks. */
export async function answerYes(page: Page) {
  const yes = page.locator('.taro-model__confirm').filter({ visible: true });
  await yes.waitFor();
  await yes.click();
}
