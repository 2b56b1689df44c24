// WeChat's content check's verdict in plain words: "广告（最好、第一）".
import { CONTENT_LABELS, type ContentLabel } from '../../../contract/content-labels';
import { t } from '../i18n';

const KNOWN = new Set<string>(Object.values(CONTENT_LABELS));

export function contentVerdictText(label: unknown, keywords: readonly string[] = []): string | null {
  const name = typeof label === 'string' && KNOWN.has(label) ? t(`contentLabel.${label as ContentLabel}`) : null;
  const words = keywords.filter((w) => w !== '');
  if (!name && words.length === 0) return null;
  return words.length ? `${name ?? ''}（${words.join('、')}）` : name;
}

/** The sentence sellers and operators see for a flagged product. */
export function flaggedText(check: { label: ContentLabel; keywords: string[] } | null): string | null {
  if (!check) return null;
  const what = contentVerdictText(check.label, check.keywords);
  return what ? t('review.found', { what }) : null;
}
