// Administrative divisions for the region pickers.
import { RegionList, RegionListQuery } from '../../../../contract/regions';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { validationError } from '../../errors';
import { listRegions } from '../../domain/regions';

export const regionRoutes = (): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.regions,
    summary: 'Provinces, or the cities of a province, or the counties of a city',
    tags: ['regions'],
    access: 'public',
    query: RegionListQuery,
    response: RegionList,
    handler: async ({ query, ctx }) => {
      const items = listRegions(query.parent);
      if (!items) throw validationError([{ path: 'query.parent', message: 'no such province or city', code: 'unknown_region' }]);
      // The divisions change once a year at most.
      ctx.set('Cache-Control', 'public, max-age=86400');
      return { items };
    },
  }),
];
