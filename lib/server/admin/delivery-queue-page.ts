// Paging and the state filter shared by the staff views of the delivery queues.
export const QUEUE_PAGE_SIZE = 50;
export const DELIVERY_STATES = ["pending", "sent", "failed", "skipped"] as const;

export function deliveryQueuePage(options: { deliveryState?: string; page?: number }) {
  const state = DELIVERY_STATES.find((s) => s === options.deliveryState);
  const page = Math.max(1, Math.floor(options.page ?? 1) || 1);
  return {
    page,
    where: state ? { deliveryState: state } : {},
    skip: (page - 1) * QUEUE_PAGE_SIZE,
    take: QUEUE_PAGE_SIZE,
    pageCount: (total: number) => Math.ceil(total / QUEUE_PAGE_SIZE),
  };
}
