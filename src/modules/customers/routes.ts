import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { myPartners } from './service.js';

const TextSchema = z.object({ zh: z.string(), en: z.string() });

export async function customersRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/customer/partners',
    {
      config: { access: { actor: 'account' } },
      schema: {
        tags: ['customer'],
        summary: '我的合作伙伴: the associated partner and its customer contacts',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                partnerId: z.string(),
                partnerName: z.string(),
                companyName: z.string(),
                associationType: z.string(),
                associationTypeName: TextSchema,
                associatedAt: z.date(),
                contactsSource: z.enum(['contacts', 'admin']),
                contacts: z.array(
                  z.object({ name: z.string(), position: z.string().nullable(), mobile: z.string(), email: z.string().nullable(), landline: z.string().nullable() }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => myPartners(req.ctx),
  );
}
