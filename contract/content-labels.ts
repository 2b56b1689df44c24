// What WeChat's content check says is wrong with a text (its `label` numbers, named). Zod-free:
// the mini-program names each one in plain words (i18n `contentLabel.<name>`).
export const CONTENT_LABELS = {
  100: 'normal',
  10001: 'advertising',
  20001: 'politics',
  20002: 'pornography',
  20003: 'abuse',
  20006: 'illegal',
  20008: 'fraud',
  20012: 'vulgar',
  20013: 'copyright',
  21000: 'other',
} as const;

export type ContentLabel = (typeof CONTENT_LABELS)[keyof typeof CONTENT_LABELS];

export const contentLabelName = (label: number): ContentLabel => (CONTENT_LABELS as Record<number, ContentLabel>)[label] ?? 'other';
