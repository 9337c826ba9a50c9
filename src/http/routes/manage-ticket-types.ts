import type { FastifyInstance } from 'fastify';
import {
  createTicketType,
  deleteTicketType,
  getManagedTicketType,
  listManagedTicketTypes,
  updateTicketType,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  createTicketTypeBody,
  managedTicketTypeView,
  patchTicketTypeBody,
} from '../schemas/manage-catalog.ts';
import { registerProductRoutes } from './manage-products.ts';

/** Organiser CRUD for ticket types (CAT-1, CAT-5) (permissions in route-permissions.ts). */
export async function manageTicketTypeRoutes(app: FastifyInstance): Promise<void> {
  registerProductRoutes(app, {
    path: 'ticket-types',
    listKey: 'ticketTypes',
    createBody: createTicketTypeBody,
    patchBody: patchTicketTypeBody,
    view: managedTicketTypeView,
    summaries: {
      list: 'All ticket types, hidden and inactive included, with sold/remaining',
      create: 'Create a ticket type (slug derived from the name when omitted)',
      update: 'Change some fields of a ticket type',
      remove: 'Delete a ticket type',
    },
    removeDescription:
      'Allowed even when the ticket type was sold: order lines keep their snapshot (name, ' +
      'prices) and lose only the reference; cart lines are removed. Refused with 409 ' +
      'PRODUCT_STILL_SCOPED when it is the only product a voucher, discount or add-on ' +
      'prerequisite lists, because an empty list would mean "every product".',
    writeFailures: { 409: errorResponse },
    service: {
      list: listManagedTicketTypes,
      create: createTicketType,
      get: getManagedTicketType,
      update: updateTicketType,
      remove: deleteTicketType,
    },
  });
}
