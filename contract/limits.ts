// Limits both sides enforce, with no runtime dependencies so the mini-program can import them
// without pulling zod into the phone bundle.

/** WeChat's nickname input allows up to 20 characters. */
export const NICKNAME_MAX = 20;

export const SHOP_NAME_MAX = 30;
export const SHOP_INTRO_MAX = 200;

export const PRODUCT_TITLE_MAX = 60;
export const PRODUCT_PHOTOS_MIN = 1;
export const PRODUCT_PHOTOS_MAX = 9;
/** Description: paragraphs and photos, in order. */
export const DESCRIPTION_BLOCKS_MAX = 30;
export const DESCRIPTION_TEXT_MAX = 1000;
export const VARIANT_NAME_MAX = 20;
export const VARIANTS_MAX = 20;
export const STORAGE_NOTE_MAX = 60;
export const VILLAGE_MAX = 30;
export const SHELF_LIFE_DAYS_MAX = 3650;

/** ¥100,000 per pack: far above any pack of produce, far below overflow. */
export const PRICE_FEN_MAX = 10_000_000;
/** 100 kg per pack. */
export const NET_WEIGHT_GRAMS_MAX = 100_000;
/** Packs of one variant in stock. */
export const STOCK_PACKS_MAX = 1_000_000;
/** 1,000 tonnes of bulk stock. */
export const BULK_STOCK_GRAMS_MAX = 1_000_000_000;

/** "Only N left" is shown to buyers at or below this many packs. */
export const LOW_STOCK_PACKS = 10;

export const PAGE_SIZE_MAX = 50;

/** WeChat's getwxacodeunlimit scene: at most 32 visible characters. */
export const SCENE_MAX = 32;

export const SUSPEND_REASON_MAX = 200;
