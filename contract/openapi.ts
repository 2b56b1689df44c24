// The zod instance every contract module uses, extended with `.openapi()` so the server can
// generate its OpenAPI document from the same schemas it validates with.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
