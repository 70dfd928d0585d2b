import type { OrderState } from '@gradphoto/contracts/journey';

export const ORDER_STATUS_COLOR: Record<OrderState, string> = {
  pending_payment: 'orange',
  paid: 'blue',
  in_production: 'geekblue',
  shipped: 'purple',
  completed: 'green',
  closed: 'default',
  refunded: 'red',
};
