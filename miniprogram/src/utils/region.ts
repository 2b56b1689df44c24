// A region path as people read it: "黑龙江省 齐齐哈尔市 克东县", a municipality's repeated name once.
import type { RegionPath } from '../../../contract/regions';

export function formatRegion(region: RegionPath, village = ''): string {
  const names = [region.province.name, region.city.name, region.county.name, village.trim()].filter(Boolean);
  return names.filter((name, index) => names.indexOf(name) === index).join(' ');
}
