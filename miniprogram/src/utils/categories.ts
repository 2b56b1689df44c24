// The product categories in the order sellers pick from, checked against the contract so a new
// category cannot be forgotten here (nor its name in i18n: `category.<code>` is a typed key).
import type { Category } from '../../../contract/shops';

export const CATEGORIES = [
  'grain', 'beans', 'nuts', 'fungi', 'dried', 'fruit', 'vegetables', 'oil', 'honey', 'tea', 'meat_eggs', 'other',
] as const satisfies readonly Category[];

type Missing = Exclude<Category, (typeof CATEGORIES)[number]>;
// Fails to compile when the contract gains a category this list lacks.
const everyCategoryListed: [Missing] extends [never] ? true : Missing = true;
void everyCategoryListed;
