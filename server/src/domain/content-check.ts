// A product's buyer-visible text goes through WeChat's content check before it is on sale:
// title, description paragraphs, storage note and variant names. Long text is checked in
// pieces (WeChat takes 2,500 characters a call); the worst verdict of the pieces counts.
import type { ContentRiskyDetails } from '../../../contract/errors';
import { AppError } from '../errors';
import type { Services } from '../services';
import type { Product } from '../models/product';
import { MSG_SEC_CHECK_CONTENT_MAX, msgSecCheck, type ContentVerdict } from '../wechat/content-security';

export interface ProductText {
  title: string;
  description: Product['description'];
  storageNote: string;
  variants: { name: string }[];
}

const RANK = { pass: 0, review: 1, risky: 2 } as const;

function pieces(text: string): string[] {
  const chars = Array.from(text); // by code point, so no character is cut in half
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += MSG_SEC_CHECK_CONTENT_MAX) out.push(chars.slice(i, i + MSG_SEC_CHECK_CONTENT_MAX).join(''));
  return out.length ? out : [''];
}

/** Product listings are posts people browse: WeChat's scene 3 ("forum"). */
const PRODUCT_SCENE = 3;

export async function checkProductText(services: Services, openid: string, text: ProductText): Promise<ContentVerdict> {
  const body = [
    ...text.description.flatMap((b) => (b.type === 'text' ? [b.text] : [])),
    text.storageNote,
    text.variants.map((v) => v.name).join(' '),
  ]
    .filter(Boolean)
    .join('\n');
  // A title-only product still needs content: WeChat refuses an empty one.
  const verdicts = [];
  for (const content of pieces(body || text.title)) {
    verdicts.push(await msgSecCheck(services.wechat, { openid, title: text.title, content, scene: PRODUCT_SCENE }));
  }
  const worst = verdicts.reduce((a, b) => (RANK[b.suggest] > RANK[a.suggest] ? b : a));
  return { ...worst, keywords: [...new Set(verdicts.flatMap((v) => v.keywords))] };
}

/** The refusal for risky text, with what WeChat said, so the seller can fix it. */
export function contentRiskyError(v: ContentVerdict): AppError {
  const found = v.keywords.length ? `: ${v.keywords.join(', ')}` : '';
  const details: ContentRiskyDetails = { suggest: 'risky', label: v.label, labelName: v.labelName, keywords: v.keywords };
  return new AppError('CONTENT_RISKY', `WeChat's content check refused this text (${v.labelName})${found}`, details);
}
