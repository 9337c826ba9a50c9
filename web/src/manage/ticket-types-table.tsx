import { createColumnHelper, FlexRender, tableFeatures, useTable } from '@tanstack/react-table';
import { formatMoney } from '../shared/format/money.ts';
import type { ManagedTicketType } from './api.ts';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, ManagedTicketType>();

/** Typed by the generated API types: a renamed field fails typecheck here. */
const columns = column.columns([
  column.accessor('name', { header: 'Name' }),
  column.accessor('price', {
    header: 'Price',
    cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
  }),
  column.accessor('sold', { header: 'Sold' }),
  column.accessor('remaining', {
    header: 'Remaining',
    cell: (info) => info.getValue() ?? 'Unlimited',
  }),
  column.accessor('isActive', {
    header: 'Active',
    cell: (info) => (info.getValue() ? 'Yes' : 'No'),
  }),
]);

export function TicketTypesTable({ ticketTypes }: { ticketTypes: ManagedTicketType[] }) {
  const table = useTable({ features, columns, data: ticketTypes });
  return (
    <div className="table-scroll">
      <table className="lines-table" aria-labelledby="ticket-types-title">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  <FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
