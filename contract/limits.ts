// Limits both sides enforce, with no runtime dependencies so the mini-program can import them
// without pulling zod into the phone bundle.

/** WeChat's nickname input allows up to 20 characters. */
export const NICKNAME_MAX = 20;
