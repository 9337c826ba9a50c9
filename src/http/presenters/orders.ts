import type { z } from 'zod';
import type { Order } from '../../services/orders/index.ts';
import type { OrderDetail } from '../../services/orders/index.ts';
import type { orderDetailView, orderSummaryView } from '../schemas/orders.ts';

export function presentOrderSummary(order: Order): z.input<typeof orderSummaryView> {
  return {
    id: order.id,
    reference: order.reference,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal,
    discountAmount: order.discountAmount,
    total: order.total,
    voucherCode: order.voucherCode,
    holdExpiresAt: order.holdExpiresAt,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
  };
}

export function presentOrderDetail(detail: OrderDetail): z.input<typeof orderDetailView> {
  const { order } = detail;
  return {
    ...presentOrderSummary(order),
    billingName: order.billingName,
    billingEmail: order.billingEmail,
    billingCompany: order.billingCompany,
    accessCode: detail.accessCode,
    cancellable: detail.cancellable,
    lines: detail.lines.map((line) => ({
      id: line.id,
      kind: line.productKind,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      conditionDiscount: line.conditionDiscount,
      conditionName: line.conditionName,
      voucherDiscount: line.voucherDiscount,
      lineTotal: line.lineTotal,
      cancelledQuantity: line.cancelledQuantity,
    })),
    payments: detail.payments.map((p) => ({
      id: p.id,
      method: p.method,
      status: p.status,
      amount: p.amount,
      createdAt: p.createdAt,
    })),
    refunds: detail.refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      destination: r.destination,
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt,
    })),
  };
}
