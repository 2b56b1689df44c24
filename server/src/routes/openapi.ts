// The OpenAPI 3 document, generated from the same zod schemas the routes validate with.
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return registry;
}

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'CunShop API', version: '1.0.0', description: 'The API of CunShop (村店), a WeChat mini-program seller toolkit.' },
    servers: [{ url: '/' }],
  });
}
