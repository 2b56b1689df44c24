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

// Orders (issue 5).
/** Lines (product variants) in one order. */
export const ORDER_LINES_MAX = 20;
/** Packs of one line: a family or a small shop, never a typo of 10,000. */
export const ORDER_QUANTITY_MAX = 999;
export const BUYER_NOTE_MAX = 200;
export const CANCEL_REASON_MAX = 100;
export const SELLER_NOTE_MAX = 200;
export const ADDRESS_NAME_MAX = 20;
export const ADDRESS_DETAIL_MAX = 120;
/** Saved delivery addresses per person. */
export const ADDRESSES_MAX = 20;
export const PARCELS_MAX = 10;
export const TRACKING_NO_MAX = 40;
export const CUSTOMER_NOTE_MAX = 200;
export const CUSTOMER_TAGS_MAX = 10;
export const CUSTOMER_TAG_MAX = 10;

/** An unpaid order is cancelled after this many minutes unless the shop sets otherwise. */
export const UNPAID_MINUTES_DEFAULT = 30;
export const UNPAID_MINUTES_MIN = 5;
/** Three days: long enough for a bank transfer to a seller who confirms by hand. */
export const UNPAID_MINUTES_MAX = 3 * 24 * 60;
/** A shipped order completes this many days after shipping unless the buyer confirms sooner. */
export const AUTO_COMPLETE_DAYS_DEFAULT = 10;
export const AUTO_COMPLETE_DAYS_MIN = 3;
export const AUTO_COMPLETE_DAYS_MAX = 30;
/** Packaging added to each order's weight (a box, padding): at most 20 kg. */
export const PACKAGING_GRAMS_MAX = 20_000;
/** A shipping rule's first weight and step: 50 kg at most. */
export const SHIPPING_GRAMS_MAX = 50_000;
/** ¥1,000 for the first weight or a step: more is a typo. */
export const SHIPPING_FEE_FEN_MAX = 100_000;
/** Free shipping above ¥100,000 is no free shipping. */
export const FREE_OVER_FEN_MAX = 10_000_000;
/** Per-province rules in one template (one rule may cover several provinces). */
export const PROVINCE_RULES_MAX = 34;

/** A refund's reason, a refund request's reason, a declined request's answer. */
export const REFUND_REASON_MAX = 100;
