export {
  listAddons,
  listTicketTypes,
  type CatalogAddon,
  type CatalogOptions,
  type CatalogTicketType,
} from './list-catalog.ts';
