// GB/T 2260 divisions: provinces, cities, counties, and the path stored with a shop.
import { expectError, fieldPaths, type Harness } from './harness';
import { listRegions, provinces, regionPath } from '../../server/src/domain/regions';
import { startCatalogHarness } from './catalog-fixtures';

describe('the division data', () => {
  it('has the 31 mainland provinces with six-digit codes', () => {
    const all = provinces();
    expect(all).toHaveLength(31);
    expect(all[0]).toEqual({ code: '110000', name: '北京市' });
    expect(all.every((p) => /^\d{2}0000$/.test(p.code))).toBe(true);
  });

  it('lists cities and counties, naming a municipality’s districts after it', () => {
    expect(listRegions('140000')).toContainEqual({ code: '140400', name: '长治市' });
    expect(listRegions('140400')).toContainEqual({ code: '140430', name: '沁县' });
    expect(listRegions('110000')).toEqual([{ code: '110100', name: '北京市' }]);
    expect(listRegions('140430')).toEqual([]);
    expect(listRegions('990000')).toBeNull();
  });

  it('gives the path of a county, or of a city that has none', () => {
    expect(regionPath('140430')).toEqual({
      province: { code: '140000', name: '山西省' },
      city: { code: '140400', name: '长治市' },
      county: { code: '140430', name: '沁县' },
    });
    expect(regionPath('110108')).toMatchObject({ city: { code: '110100', name: '北京市' }, county: { name: '海淀区' } });
    expect(listRegions('442000')).toEqual([{ code: '442000', name: '中山市' }]);
    expect(regionPath('442000')).toMatchObject({ city: { code: '442000' }, county: { code: '442000', name: '中山市' } });
    expect(regionPath('140400')).toBeNull(); // a city with counties is not specific enough
    expect(regionPath('140000')).toBeNull();
    expect(regionPath('000000')).toBeNull();
  });
});

describe('GET /regions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCatalogHarness();
  });
  afterAll(() => h.close());

  it('answers provinces, then children, to anyone, cacheably', async () => {
    const top = await h.api.get('/api/v1/regions');
    expect(top.status).toBe(200);
    expect(top.body.items).toHaveLength(31);
    expect(top.headers['cache-control']).toContain('max-age');
    const counties = await h.api.get('/api/v1/regions?parent=140900');
    expect(counties.body.items).toContainEqual({ code: '140929', name: '岢岚县' });
  });

  it('refuses unknown and malformed parents, naming the field', async () => {
    expect(fieldPaths(expectError(await h.api.get('/api/v1/regions?parent=990000'), 400, 'VALIDATION_FAILED'))).toEqual(['query.parent']);
    expect(fieldPaths(expectError(await h.api.get('/api/v1/regions?parent=14'), 400, 'VALIDATION_FAILED'))).toEqual(['query.parent']);
    expectError(await h.api.get('/api/v1/regions?parent[$gt]=1'), 400, 'VALIDATION_FAILED');
  });
});
