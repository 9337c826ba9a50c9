export {
  createAddon,
  deleteAddon,
  getManagedAddon,
  listManagedAddons,
  updateAddon,
  type AddonInput,
  type AddonPatch,
  type ManagedAddon,
} from './addons.ts';
export {
  createTicketType,
  deleteTicketType,
  getManagedTicketType,
  listManagedTicketTypes,
  updateTicketType,
  type ManagedTicketType,
  type TicketTypeInput,
  type TicketTypePatch,
} from './ticket-types.ts';
