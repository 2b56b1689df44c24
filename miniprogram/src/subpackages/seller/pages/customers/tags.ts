// Tags a seller puts on buyers: a few everyday ones to tap, plus whatever the shop has used.
import { t } from '../../../../i18n';

export function suggestedTags(): string[] {
  return [t('customers.tagRegular'), t('customers.tagWholesale'), t('customers.tagFriends')];
}

/** The everyday tags, then the shop's own in the order first seen, each once. */
export function tagChoices(seen: string[][]): string[] {
  const all = [...suggestedTags(), ...seen.flat()];
  return all.filter((tag, index) => all.indexOf(tag) === index);
}
