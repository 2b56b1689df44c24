// Text a person typed, matched literally inside a MongoDB $regex (a search box): every character
// that means something to a regular expression is escaped.
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
