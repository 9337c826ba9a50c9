import type { FastifyInstance } from 'fastify';
import {
  createAddon,
  deleteAddon,
  getManagedAddon,
  listManagedAddons,
  updateAddon,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import { createAddonBody, managedAddonView, patchAddonBody } from '../schemas/manage-catalog.ts';
import { registerProductRoutes } from './manage-products.ts';

/** Organiser CRUD for add-ons (CAT-4, CAT-5) (permissions in route-permissions.ts). */
export async function manageAddonRoutes(app: FastifyInstance): Promise<void> {
  registerProductRoutes(app, {
    path: 'addons',
    listKey: 'addons',
    createBody: createAddonBody,
    patchBody: patchAddonBody,
    view: managedAddonView,
    summaries: {
      list: 'All add-ons, inactive included, with sold/remaining',
      create: 'Create an add-on (slug derived from the name when omitted)',
      update: 'Change some fields of an add-on (a given prerequisite list replaces the set)',
      remove: 'Delete an add-on',
    },
    removeDescription:
      'Allowed even when the add-on was sold: order lines keep their snapshot (name, prices) ' +
      'and lose only the reference; cart lines are removed. Refused with 409 ' +
      'PRODUCT_STILL_SCOPED when it is the only product a voucher or discount lists, because ' +
      'an empty list would mean "every product".',
    // A prerequisite of another conference is a 422 (CAT-4).
    writeFailures: { 409: errorResponse, 422: errorResponse },
    service: {
      list: listManagedAddons,
      create: createAddon,
      get: getManagedAddon,
      update: updateAddon,
      remove: deleteAddon,
    },
  });
}
