// MongoDB's error codes that domain code reacts to, named once.

/** E11000: a unique index refused the write (someone else got there first). */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;
