// Find a customer by full address, partial address or domain. Addresses are stored lower
// case, so the query is normalised the same way. Paginated; see bench/admin-search.ts.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db/client";
import { isDomainName, normaliseAddress } from "@/lib/server/mailbox/address";
import { assertRole, type StaffContext } from "./staff-context";

export const SEARCH_PAGE_SIZE = 25;

export type MailboxSearchResult = {
  query: string;
  /** How the query was read: exact address, domain, or partial address. */
  kind: "empty" | "address" | "domain" | "partial";
  page: number;
  pageCount: number;
  total: number;
  rows: Array<{
    id: number;
    address: string;
    suspended: boolean;
    preferredProtocol: string;
    createdAt: Date;
  }>;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function searchFilter(rawQuery: string): {
  kind: MailboxSearchResult["kind"];
  where: Prisma.MailboxWhereInput;
} {
  const query = normaliseAddress(rawQuery).slice(0, 254);
  if (!query) return { kind: "empty", where: {} };
  const domainOnly = query.startsWith("@") ? query.slice(1) : query;
  if (!domainOnly.includes("@") && isDomainName(domainOnly) && query.startsWith("@"))
    return { kind: "domain", where: { domain: { name: domainOnly } } };
  if (query.includes("@") && !query.startsWith("@") && isDomainName(query.split("@").pop()!))
    return {
      kind: "address",
      // The full address, or addresses that start with it (e.g. "anna@example.co").
      where: { address: { startsWith: escapeLike(query) } },
    };
  if (isDomainName(query))
    return {
      kind: "domain",
      where: { OR: [{ domain: { name: query } }, { address: { contains: escapeLike(query) } }] },
    };
  return { kind: "partial", where: { address: { contains: escapeLike(query) } } };
}

export async function searchMailboxes(
  staff: StaffContext,
  options: { query: string; page?: number },
): Promise<MailboxSearchResult> {
  assertRole(staff, "support");
  const { kind, where } = searchFilter(options.query);
  const page = Math.max(1, Math.floor(options.page ?? 1) || 1);
  if (kind === "empty")
    return { query: options.query, kind, page: 1, pageCount: 0, total: 0, rows: [] };
  const [total, rows] = await Promise.all([
    db().mailbox.count({ where }),
    db().mailbox.findMany({
      where,
      orderBy: { address: "asc" },
      skip: (page - 1) * SEARCH_PAGE_SIZE,
      take: SEARCH_PAGE_SIZE,
      select: {
        id: true,
        address: true,
        suspended: true,
        preferredProtocol: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    query: options.query,
    kind,
    page,
    pageCount: Math.ceil(total / SEARCH_PAGE_SIZE),
    total,
    rows,
  };
}
